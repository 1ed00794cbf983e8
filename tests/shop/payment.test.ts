import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/index.js';
import { OrderSweeper, type Category } from '../../src/modules/shop/index.js';
import { AddToCart, Checkout, OrderById, PayOrder } from '../documents/shop.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { startFakeAlipay, type FakeAlipay } from '../helpers/fake-alipay.js';
import {
  createAddress,
  createCategoryBranch,
  createProduct,
  productRow,
} from '../factories/shop.js';
import { signedInUser } from '../factories/users.js';

const PUBLIC_URL = 'https://shop.example.com';
let t: TestApp;
let fake: FakeAlipay;
let category: Category;
let notifyUrl: string;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await startFakeAlipay();
  t = await startTestApp({
    env: { ...fake.env, PUBLIC_URL },
    log: createLogger('info', {}, { write: (line: string) => void logLines.push(line) }),
  });
  category = (await createCategoryBranch(t.app)).leaf;
  notifyUrl = `${t.url}/payments/alipay/notify`;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

interface Placed {
  client: TestClient;
  orderId: string;
  orderSn: string;
  total: number;
  productIds: string[];
}

/** A buyer with an order of two products (2 × 12.34 and 1 × 0.05 yuan). */
async function placeOrder(): Promise<Placed> {
  const signed = await signedInUser(t.app);
  const client = t.client.as(signed.token);
  const address = await createAddress(t.app, signed.user, true);
  const a = await createProduct(t.app, category, { name: '碧螺春 Green tea', price: 1234 });
  const b = await createProduct(t.app, category, { name: '便利贴', price: 5 });
  await client.ok(AddToCart, { productId: a.id, quantity: 2 });
  await client.ok(AddToCart, { productId: b.id });
  const { checkout } = await client.ok(Checkout, { input: { addressId: address.id } });
  return {
    client,
    orderId: checkout.id,
    orderSn: checkout.orderSn,
    total: checkout.total,
    productIds: [a.id, b.id],
  };
}

async function payUrlOf(placed: Placed): Promise<URL> {
  const { payOrder } = await placed.client.ok(PayOrder, { id: placed.orderId });
  expect(payOrder.orderId).toBe(placed.orderId);
  return new URL(payOrder.payUrl);
}

const status = async (p: Placed) => (await p.client.ok(OrderById, { id: p.orderId })).order!;
const sold = async (p: Placed) =>
  Promise.all(p.productIds.map(async (id) => (await productRow(t.app, id)).sold_count));
const payments = async (orderId: string) =>
  t.app.orm.em
    .fork()
    .execute<{ trade_no: string; refund_required: boolean; amount: number }[]>(
      'select trade_no, refund_required, amount from payment where order_id = ?',
      [orderId],
    );

describe('payOrder', () => {
  it('builds an alipay.trade.page.pay URL at the gateway, signed RSA2 with the app key', async () => {
    const placed = await placeOrder();
    expect(placed.total).toBe(2473);
    const url = await payUrlOf(placed);
    expect(`${url.origin}${url.pathname}`).toBe(fake.gatewayUrl);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      app_id: fake.appId,
      method: 'alipay.trade.page.pay',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      notify_url: `${PUBLIC_URL}/payments/alipay/notify`,
    });
    expect(params.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(JSON.parse(params.biz_content!)).toMatchObject({
      out_trade_no: placed.orderSn,
      total_amount: '24.73',
      subject: '碧螺春 Green tea 等3件商品',
      product_code: 'FAST_INSTANT_TRADE_PAY',
    });

    // The signature verifies with the app's public key over the sorted k=v pairs without sign.
    const { sign, ...rest } = params;
    const content = Object.keys(rest)
      .filter((k) => rest[k] !== '')
      .sort()
      .map((k) => `${k}=${rest[k]}`)
      .join('&');
    expect(
      createVerify('RSA-SHA256').update(content, 'utf8').verify(fake.appPublicKey, sign!, 'base64'),
    ).toBe(true);
    // And the (fake) gateway accepts it; a tampered URL is refused.
    expect((await fake.open(url.toString())).status).toBe(200);
    url.searchParams.set(
      'biz_content',
      params.biz_content!.replace('"total_amount":"24.73"', '"total_amount":"0.01"'),
    );
    expect(await fake.open(url.toString())).toMatchObject({ status: 400 });
  });

  it('formats amounts in yuan with two decimals', async () => {
    const signed = await signedInUser(t.app);
    const client = t.client.as(signed.token);
    const address = await createAddress(t.app, signed.user, true);
    for (const [price, yuan] of [
      [1, '0.01'],
      [10, '0.10'],
      [100000, '1000.00'],
    ] as const) {
      const product = await createProduct(t.app, category, { price });
      await client.ok(AddToCart, { productId: product.id });
      const { checkout } = await client.ok(Checkout, { input: { addressId: address.id } });
      const { payOrder } = await client.ok(PayOrder, { id: checkout.id });
      const biz = JSON.parse(new URL(payOrder.payUrl).searchParams.get('biz_content')!) as {
        total_amount: string;
      };
      expect(biz.total_amount).toBe(yuan);
    }
  });

  it('refuses an order whose payment time is over', async () => {
    const placed = await placeOrder();
    await t.app.orm.em
      .fork()
      .execute(`update shop_order set expires_at = now() - interval '1 second' where id = ?`, [
        placed.orderId,
      ]);
    const error = await placed.client.fail(PayOrder, { id: placed.orderId });
    expect(error.extensions).toMatchObject({ code: 'INVALID_ORDER_STATE', reason: 'EXPIRED' });
  });
});

describe('POST /payments/alipay/notify', () => {
  it('a valid TRADE_SUCCESS marks the order PAID once and counts the sold pieces', async () => {
    const placed = await placeOrder();
    await fake.open((await payUrlOf(placed)).toString());
    const params = fake.notification(placed.orderSn);
    expect(await fake.notify(notifyUrl, params)).toBe('success');
    const order = await status(placed);
    expect(order).toMatchObject({ status: 'PAID', tradeNo: params.trade_no });
    expect(order.paidAt).not.toBeNull();
    expect(await sold(placed)).toEqual([2, 1]);

    // Replays (the same notification, or TRADE_FINISHED later) answer success and change nothing.
    expect(await fake.notify(notifyUrl, params)).toBe('success');
    const finished = { ...params, trade_status: 'TRADE_FINISHED', notify_id: 'later' };
    expect(await fake.notify(notifyUrl, finished)).toBe('success');
    const replays = await Promise.all(
      Array.from({ length: 10 }, () => fake.notify(notifyUrl, params)),
    );
    expect(replays.every((r) => r === 'success')).toBe(true);
    expect(await sold(placed)).toEqual([2, 1]);
    expect(await payments(placed.orderId)).toHaveLength(1);
    const pay = await placed.client.fail(PayOrder, { id: placed.orderId });
    expect(pay.extensions).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'PAID' });
  });

  it('concurrent first deliveries of one payment apply it once', async () => {
    const placed = await placeOrder();
    const params = fake.notification(placed.orderSn, { total_amount: '24.73' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => fake.notify(notifyUrl, params)),
    );
    expect(answers.every((a) => a === 'success')).toBe(true);
    expect(await sold(placed)).toEqual([2, 1]);
    expect((await status(placed)).status).toBe('PAID');
  });

  it('forged, tampered, wrong-amount, other-app and unknown-order notifications answer failure and change nothing', async () => {
    const placed = await placeOrder();
    const good = fake.notification(placed.orderSn, { total_amount: '24.73' });
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cases: [string, Promise<string>][] = [
      ['forged key', fake.notify(notifyUrl, good, { signWith: forger.privateKey })],
      [
        'tampered after signing',
        fake.notify(notifyUrl, good, { tamper: (p) => void (p.total_amount = '24.73 ') }),
      ],
      ['no signature', fake.notify(notifyUrl, good, { tamper: (p) => void delete p.sign })],
      [
        'garbage signature',
        fake.notify(notifyUrl, good, { tamper: (p) => void (p.sign = 'bm90IGEgc2lnbmF0dXJl') }),
      ],
      ['wrong amount', fake.notify(notifyUrl, { ...good, total_amount: '0.01' })],
      ['amount in fen', fake.notify(notifyUrl, { ...good, total_amount: '2473' })],
      ['other app', fake.notify(notifyUrl, { ...good, app_id: '2021000000009999' })],
      ['unknown order', fake.notify(notifyUrl, { ...good, out_trade_no: '20260101000000000000' })],
      ['unknown status', fake.notify(notifyUrl, { ...good, trade_status: 'TRADE_PAID_MAYBE' })],
      ['no trade number', fake.notify(notifyUrl, { ...good, trade_no: '' })],
    ];
    for (const [name, answer] of cases) expect([name, await answer]).toEqual([name, 'failure']);
    expect((await status(placed)).status).toBe('PENDING_PAYMENT');
    expect(await sold(placed)).toEqual([0, 0]);
    expect(await payments(placed.orderId)).toEqual([]);

    // A body that is not a notification at all.
    const junk = await fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"out_trade_no":"x"}',
    });
    expect(await junk.text()).toBe('failure');

    // Statuses without a payment are acknowledged and change nothing.
    expect(await fake.notify(notifyUrl, { ...good, trade_status: 'WAIT_BUYER_PAY' })).toBe(
      'success',
    );
    expect((await status(placed)).status).toBe('PENDING_PAYMENT');
    // The genuine one still works afterwards.
    expect(await fake.notify(notifyUrl, good)).toBe('success');
    expect((await status(placed)).status).toBe('PAID');
  });

  it('a valid payment for an expired order is recorded for refund, logged with the trade number, and answered success', async () => {
    const placed = await placeOrder();
    const stockBefore = await Promise.all(
      placed.productIds.map(async (id) => (await productRow(t.app, id)).stock),
    );
    await t.app.orm.em
      .fork()
      .execute(`update shop_order set expires_at = now() - interval '1 second' where id = ?`, [
        placed.orderId,
      ]);
    expect(await t.app.services.container.get(OrderSweeper).sweep()).toBeGreaterThanOrEqual(1);
    const params = fake.notification(placed.orderSn, { total_amount: '24.73' });
    expect(await fake.notify(notifyUrl, params)).toBe('success');
    expect(await fake.notify(notifyUrl, params)).toBe('success');

    expect((await status(placed)).status).toBe('CANCELLED');
    expect(await sold(placed)).toEqual([0, 0]);
    expect(
      await Promise.all(placed.productIds.map(async (id) => (await productRow(t.app, id)).stock)),
    ).toEqual(stockBefore.map((s, i) => s + (i === 0 ? 2 : 1)));
    expect(await payments(placed.orderId)).toEqual([
      { trade_no: params.trade_no, refund_required: true, amount: 2473 },
    ]);
    const logged = logLines.filter((l) => l.includes('refund required'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(params.trade_no);
    expect(logged[0]).toContain(placed.orderSn);
  });

  it('never logs keys or signatures', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain('PRIVATE KEY');
    expect(all).not.toMatch(/"sign"/);
  });
});

describe('without Alipay configured', () => {
  it('payOrder says so and the notify endpoint answers failure', async () => {
    const plain = await startTestApp();
    try {
      const signed = await signedInUser(plain.app);
      const client = plain.client.as(signed.token);
      const address = await createAddress(plain.app, signed.user, true);
      const product = await createProduct(plain.app, (await createCategoryBranch(plain.app)).leaf);
      await client.ok(AddToCart, { productId: product.id });
      const { checkout } = await client.ok(Checkout, { input: { addressId: address.id } });
      const error = await client.fail(PayOrder, { id: checkout.id });
      expect(error.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'NOT_CONFIGURED',
      });
      const answer = await fake.notify(
        `${plain.url}/payments/alipay/notify`,
        fake.notification(checkout.orderSn),
      );
      expect(answer).toBe('failure');
    } finally {
      await plain.close();
    }
  });
});
