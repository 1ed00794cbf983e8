import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import { OrderSweeper, OrderService, type Category } from '../../src/modules/shop/index.js';
import {
  AddToCart,
  CancelOrder,
  CartQuery,
  Checkout,
  CreateAddress,
  DeleteAddress,
  MyAddresses,
  MyOrders,
  OrderById,
  PayOrder,
  UpdateAddress,
  UpdateProduct,
} from '../documents/shop.js';
import type { MyOrdersQuery } from '../gql/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import {
  createAddress,
  createCategoryBranch,
  createProduct,
  productRow,
} from '../factories/shop.js';
import { signedInUser, type SignedInUser } from '../factories/users.js';

let t: TestApp;
let category: Category;
let statements = 0;
beforeAll(async () => {
  t = await startTestApp({ onQuery: () => void statements++ });
  category = (await createCategoryBranch(t.app)).leaf;
});
afterAll(() => t?.close());

const addressInput = (over: Record<string, unknown> = {}) => ({
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 90 号',
  recipientName: '李四',
  recipientPhone: '13912345678',
  ...over,
});

interface Buyer extends SignedInUser {
  client: TestClient;
  addressId: string;
}
const buyer = async (): Promise<Buyer> => {
  const signed = await signedInUser(t.app);
  const address = await createAddress(t.app, signed.user, true);
  return { ...signed, client: t.client.as(signed.token), addressId: address.id };
};

const expireOrder = (id: string) =>
  t.app.orm.em
    .fork()
    .execute(`update shop_order set expires_at = now() - interval '1 second' where id = ?`, [id]);

describe('addresses', () => {
  it('creates, lists default first, moves the default in one step, updates and deletes', async () => {
    const me = t.client.as((await signedInUser(t.app)).token);
    const home = (await me.ok(CreateAddress, { input: addressInput({ isDefault: true }) }))
      .createAddress;
    expect(home).toMatchObject({ isDefault: true, recipientPhone: '13912345678' });
    const office = (
      await me.ok(CreateAddress, {
        input: addressInput({
          detail: '  办公室  ',
          recipientPhone: '+86 13700000000',
          isDefault: true,
        }),
      })
    ).createAddress;
    expect(office).toMatchObject({
      isDefault: true,
      detail: '办公室',
      recipientPhone: '13700000000',
    });
    let { myAddresses } = await me.ok(MyAddresses);
    expect(myAddresses.map((a) => [a.id, a.isDefault])).toEqual([
      [office.id, true],
      [home.id, false],
    ]);
    await me.ok(UpdateAddress, { id: home.id, input: addressInput({ isDefault: true }) });
    ({ myAddresses } = await me.ok(MyAddresses));
    expect(myAddresses.map((a) => [a.id, a.isDefault])).toEqual([
      [home.id, true],
      [office.id, false],
    ]);
    expect((await me.ok(DeleteAddress, { id: office.id })).deleteAddress).toBe(true);
    expect((await me.ok(MyAddresses)).myAddresses.map((a) => a.id)).toEqual([home.id]);
  });

  it('concurrent "make this the default" leaves exactly one default', async () => {
    const signed = await signedInUser(t.app);
    const me = t.client.as(signed.token);
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => (await createAddress(t.app, signed.user)).id),
    );
    const results = await Promise.all(
      ids.map((id) => me.request(UpdateAddress, { id, input: addressInput({ isDefault: true }) })),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    const { myAddresses } = await me.ok(MyAddresses);
    expect(myAddresses.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('validates every field and names it', async () => {
    const me = t.client.as((await signedInUser(t.app)).token);
    for (const [field, value] of [
      ['recipientPhone', '12345'],
      ['recipientPhone', '1380013800a'],
      ['recipientName', '   '],
      ['province', ''],
      ['detail', 'x'.repeat(201)],
    ] as const) {
      const error = await me.fail(CreateAddress, { input: addressInput({ [field]: value }) });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await me.ok(MyAddresses)).myAddresses).toEqual([]);
  });

  it("another user's address is not found everywhere", async () => {
    const owner = await buyer();
    const intruder = await buyer();
    const input = addressInput();
    expect(
      (await intruder.client.fail(UpdateAddress, { id: owner.addressId, input })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await intruder.client.fail(DeleteAddress, { id: owner.addressId })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await intruder.client.ok(MyAddresses)).myAddresses.map((a) => a.id)).toEqual([
      intruder.addressId,
    ]);
    const product = await createProduct(t.app, category);
    await intruder.client.ok(AddToCart, { productId: product.id });
    const checkout = await intruder.client.fail(Checkout, {
      input: { addressId: owner.addressId },
    });
    expect(checkout.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'addressId' });
    expect((await intruder.client.ok(CartQuery)).cart.items).toHaveLength(1);
    expect((await productRow(t.app, product.id)).stock).toBe(100);
  });
});

describe('checkout', () => {
  it('turns the cart into an order: copies names, prices and the address, takes stock, empties the cart', async () => {
    const me = await buyer();
    const tea = await createProduct(t.app, category, { name: '龙井', price: 29800, stock: 10 });
    const pen = await createProduct(t.app, category, { name: '钢笔', price: 8900, stock: 10 });
    await me.client.ok(AddToCart, { productId: pen.id, quantity: 3 });
    await me.client.ok(AddToCart, { productId: tea.id, quantity: 2 });
    const before = Date.now();
    const { checkout: order } = await me.client.ok(Checkout, {
      input: { addressId: me.addressId, note: '  请周末送货 ' },
    });
    expect(order).toMatchObject({
      status: 'PENDING_PAYMENT',
      total: 2 * 29800 + 3 * 8900,
      shippingAddress: '广东省 深圳市 南山区 科技园路 1 号',
      recipientName: '张三',
      recipientPhone: '13800138000',
      note: '请周末送货',
      tradeNo: null,
      paidAt: null,
    });
    expect(order.orderSn).toMatch(/^\d{22}$/);
    expect(
      order.lines.map((l) => [l.product.id, l.productName, l.unitPrice, l.quantity, l.subtotal]),
    ).toEqual([
      [tea.id, '龙井', 29800, 2, 59600],
      [pen.id, '钢笔', 8900, 3, 26700],
    ]);
    expect((await productRow(t.app, tea.id)).stock).toBe(8);
    expect((await productRow(t.app, pen.id)).stock).toBe(7);
    expect((await me.client.ok(CartQuery)).cart).toEqual({
      items: [],
      totalQuantity: 0,
      totalPrice: 0,
    });

    // Payment is due ORDER_PAYMENT_TIMEOUT (30 min by default) after checkout.
    const [row] = await t.app.orm.em
      .fork()
      .execute<{ expires_at: Date }[]>('select expires_at from shop_order where id = ?', [
        order.id,
      ]);
    const due = new Date(row!.expires_at).getTime() - before;
    expect(due).toBeGreaterThan(29 * 60_000);
    expect(due).toBeLessThan(31 * 60_000);

    // Later price and name changes do not touch the order.
    const admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
    await admin.ok(UpdateProduct, { id: tea.id, input: { name: '新龙井', price: 1 } });
    const { order: again } = await me.client.ok(OrderById, { id: order.id });
    expect(again!.lines[0]).toMatchObject({ productName: '龙井', unitPrice: 29800 });
    expect(again!.lines[0]!.product.name).toBe('新龙井');
  });

  it('an empty cart is CART_EMPTY', async () => {
    const me = await buyer();
    const error = await me.client.fail(Checkout, { input: { addressId: me.addressId } });
    expect(error.extensions?.code).toBe('CART_EMPTY');
  });

  it('is all or nothing: one short line names its product and changes nothing', async () => {
    const me = await buyer();
    const plenty = await createProduct(t.app, category, { stock: 10 });
    const scarce = await createProduct(t.app, category, { stock: 3 });
    await me.client.ok(AddToCart, { productId: plenty.id, quantity: 2 });
    await me.client.ok(AddToCart, { productId: scarce.id, quantity: 3 });
    // Someone else buys two of the scarce product meanwhile.
    const rival = await buyer();
    await rival.client.ok(AddToCart, { productId: scarce.id, quantity: 2 });
    await rival.client.ok(Checkout, { input: { addressId: rival.addressId } });

    const error = await me.client.fail(Checkout, { input: { addressId: me.addressId } });
    expect(error.extensions).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      productId: scarce.id,
      available: 1,
    });
    expect((await productRow(t.app, plenty.id)).stock).toBe(10);
    expect((await productRow(t.app, scarce.id)).stock).toBe(1);
    expect((await me.client.ok(CartQuery)).cart.totalQuantity).toBe(5);
    expect((await me.client.ok(MyOrders, {})).myOrders.totalCount).toBe(0);
  });

  it('20 buyers, 5 in stock, all at once: exactly 5 orders, 15 INSUFFICIENT_STOCK with their carts intact', async () => {
    const product = await createProduct(t.app, category, { stock: 5, price: 990 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => buyer()));
    for (const b of buyers) await b.client.ok(AddToCart, { productId: product.id });
    const results = await Promise.all(
      buyers.map((b) => b.client.request(Checkout, { input: { addressId: b.addressId } })),
    );
    const won = results.filter((r) => r.data?.checkout);
    const lost = results.filter((r) => r.errors?.[0]?.extensions?.code === 'INSUFFICIENT_STOCK');
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(15);
    expect(lost.every((r) => r.errors![0]!.extensions!.productId === product.id)).toBe(true);
    expect((await productRow(t.app, product.id)).stock).toBe(0);
    const [{ count }] = await t.app.orm.em
      .fork()
      .execute<[{ count: number }]>(
        'select count(*)::int as count from order_line where product_id = ?',
        [product.id],
      );
    expect(count).toBe(5);
    for (const [i, b] of buyers.entries()) {
      const { cart } = await b.client.ok(CartQuery);
      expect(cart.totalQuantity).toBe(results[i]!.data?.checkout ? 0 : 1);
    }
  });

  it('concurrent checkouts over the same products in different cart orders do not deadlock', async () => {
    const products = await Promise.all(
      Array.from({ length: 4 }, () => createProduct(t.app, category, { stock: 1000 })),
    );
    const buyers = await Promise.all(Array.from({ length: 10 }, () => buyer()));
    for (const [i, b] of buyers.entries()) {
      const order = i % 2 ? products : [...products].reverse();
      for (const p of order) await b.client.ok(AddToCart, { productId: p.id, quantity: 2 });
    }
    const results = await Promise.all(
      buyers.map((b) => b.client.request(Checkout, { input: { addressId: b.addressId } })),
    );
    expect(results.map((r) => r.errors?.[0]?.message ?? 'ok')).toEqual(buyers.map(() => 'ok'));
    for (const p of products) expect((await productRow(t.app, p.id)).stock).toBe(980);
  });
});

describe('orders', () => {
  it('cancelOrder gives the stock back once; a second cancel is INVALID_ORDER_STATE', async () => {
    const me = await buyer();
    const product = await createProduct(t.app, category, { stock: 10 });
    await me.client.ok(AddToCart, { productId: product.id, quantity: 4 });
    const { checkout } = await me.client.ok(Checkout, { input: { addressId: me.addressId } });
    expect((await productRow(t.app, product.id)).stock).toBe(6);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => me.client.request(CancelOrder, { id: checkout.id })),
    );
    expect(results.filter((r) => r.data?.cancelOrder.status === 'CANCELLED')).toHaveLength(1);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.code === 'INVALID_ORDER_STATE'),
    ).toHaveLength(4);
    expect((await productRow(t.app, product.id)).stock).toBe(10);
    const pay = await me.client.fail(PayOrder, { id: checkout.id });
    expect(pay.extensions).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'CANCELLED' });
  });

  it("another user's order is NOT_FOUND for reading, cancelling and paying", async () => {
    const owner = await buyer();
    const intruder = await buyer();
    const product = await createProduct(t.app, category);
    await owner.client.ok(AddToCart, { productId: product.id });
    const { checkout } = await owner.client.ok(Checkout, { input: { addressId: owner.addressId } });
    for (const doc of [OrderById, CancelOrder, PayOrder]) {
      const error = await intruder.client.fail(doc, { id: checkout.id });
      expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await intruder.client.fail(OrderById, { id: '999999' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await intruder.client.ok(MyOrders, {})).myOrders.totalCount).toBe(0);
    expect((await owner.client.ok(OrderById, { id: checkout.id })).order!.status).toBe(
      'PENDING_PAYMENT',
    );
  });

  it('myOrders pages newest first without duplicates, lines without N+1', async () => {
    const me = await buyer();
    const products = await Promise.all(
      Array.from({ length: 3 }, () => createProduct(t.app, category, { stock: 100 })),
    );
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      for (const p of products) await me.client.ok(AddToCart, { productId: p.id });
      ids.push((await me.client.ok(Checkout, { input: { addressId: me.addressId } })).checkout.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { myOrders }: MyOrdersQuery = await me.client.ok(MyOrders, { first: 3, after });
      expect(myOrders.totalCount).toBe(7);
      seen.push(...myOrders.edges.map((e) => e.node.id));
      if (!myOrders.pageInfo.hasNextPage) break;
      after = myOrders.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());

    const cost = async (first: number) => {
      const before = statements;
      const { myOrders } = await me.client.ok(MyOrders, { first });
      expect(myOrders.edges.every((e) => e.node.lines.length === 3)).toBe(true);
      return statements - before;
    };
    const two = await cost(2);
    expect(await cost(7)).toBe(two);
    // session, orders, count, lines, products, categories
    expect(two).toBeLessThanOrEqual(6);
  });
});

describe('expiry sweep', () => {
  it('cancels expired unpaid orders and returns their stock exactly once, with two sweepers at once', async () => {
    const product = await createProduct(t.app, category, { stock: 100 });
    const buyers = await Promise.all(Array.from({ length: 6 }, () => buyer()));
    const orders: string[] = [];
    for (const b of buyers) {
      await b.client.ok(AddToCart, { productId: product.id, quantity: 5 });
      orders.push((await b.client.ok(Checkout, { input: { addressId: b.addressId } })).checkout.id);
    }
    expect((await productRow(t.app, product.id)).stock).toBe(70);
    // Five expire; the sixth is still within its payment time.
    for (const id of orders.slice(0, 5)) await expireOrder(id);

    const service = t.app.services.container.get(OrderService);
    const sweepers = [
      t.app.services.container.get(OrderSweeper),
      new OrderSweeper(service, t.app.orm, 60_000, t.app.log),
    ];
    const counts = await Promise.all([
      ...sweepers.map((s) => s.sweep()),
      service.sweepExpired(t.app.orm.em.fork(), 1).then((sns) => sns.length),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect((await productRow(t.app, product.id)).stock).toBe(95);
    // Nothing left to sweep, and sweeping again changes nothing.
    expect(await sweepers[0]!.sweep()).toBe(0);
    expect((await productRow(t.app, product.id)).stock).toBe(95);

    const statuses = await Promise.all(
      orders.map(async (id, i) => (await buyers[i]!.client.ok(OrderById, { id })).order!.status),
    );
    expect(statuses).toEqual([...Array(5).fill('CANCELLED'), 'PENDING_PAYMENT']);
    const late = await buyers[0]!.client.fail(CancelOrder, { id: orders[0]! });
    expect(late.extensions).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'CANCELLED' });
  });

  it('a buyer cancelling while the sweeper runs still returns the stock once', async () => {
    const product = await createProduct(t.app, category, { stock: 50 });
    const buyers = await Promise.all(Array.from({ length: 10 }, () => buyer()));
    const orders: string[] = [];
    for (const b of buyers) {
      await b.client.ok(AddToCart, { productId: product.id, quantity: 5 });
      orders.push((await b.client.ok(Checkout, { input: { addressId: b.addressId } })).checkout.id);
      await expireOrder(orders.at(-1)!);
    }
    expect((await productRow(t.app, product.id)).stock).toBe(0);
    const sweeper = t.app.services.container.get(OrderSweeper);
    await Promise.all([
      sweeper.sweep(),
      ...buyers.map((b, i) => b.client.request(CancelOrder, { id: orders[i]! })),
    ]);
    expect((await productRow(t.app, product.id)).stock).toBe(50);
  });
});
