import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** The sorted `k=v&…` string Alipay signs (written out here independently of the service's code). */
function signContent(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

function pem(key: KeyObject, type: 'pkcs8' | 'spki'): string {
  return key.export({ type, format: 'pem' }).toString();
}

export interface OpenedTrade {
  readonly outTradeNo: string;
  readonly totalAmount: string;
  readonly subject: string;
  readonly notifyUrl: string;
  readonly timeExpire: string | undefined;
}

/**
 * A local Alipay open platform: a gateway that checks `alipay.trade.page.pay`
 * requests the way Alipay does (RSA2 signature over the sorted non-empty
 * parameters except `sign`, with the app's public key) and, once "paid",
 * sends the asynchronous notification, form-encoded and signed with the
 * platform's private key over every parameter except `sign` and `sign_type`.
 */
export interface FakeAlipay {
  readonly gatewayUrl: string;
  readonly appId: string;
  /** Environment for the service: gateway, app id, app private key, Alipay public key. */
  readonly env: Record<string, string>;
  /** The app's public key (uploaded to Alipay in real life). */
  readonly appPublicKey: KeyObject;
  /** Trades opened through the gateway, by out_trade_no. */
  readonly trades: Map<string, OpenedTrade>;
  /** GETs a pay URL like the buyer's browser; 200 when the gateway accepts it. */
  open(payUrl: string): Promise<{ status: number; body: string }>;
  /** Notification parameters (unsigned) for a payment of an opened trade. */
  notification(outTradeNo: string, over?: Record<string, string>): Record<string, string>;
  /** Signs (with the platform key, or another key to forge) and POSTs a notification; returns the answer. */
  notify(
    url: string,
    params: Record<string, string>,
    options?: { signWith?: KeyObject; tamper?: (signed: Record<string, string>) => void },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeAlipay(appId = '2021000000000001'): Promise<FakeAlipay> {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const trades = new Map<string, OpenedTrade>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(url.searchParams);
    const refuse = (code: string) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code }));
    };
    if (url.pathname !== '/gateway.do') return refuse('not-found');
    const { sign, ...rest } = params;
    const signed = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== ''));
    const valid =
      !!sign &&
      createVerify('RSA-SHA256')
        .update(signContent(signed), 'utf8')
        .verify(app.publicKey, sign, 'base64');
    if (!valid) return refuse('invalid-signature');
    if (params.app_id !== appId) return refuse('invalid-app-id');
    if (params.method !== 'alipay.trade.page.pay') return refuse('invalid-method');
    if (params.charset !== 'utf-8' || params.sign_type !== 'RSA2' || params.version !== '1.0')
      return refuse('invalid-parameter');
    const biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    if (biz.product_code !== 'FAST_INSTANT_TRADE_PAY') return refuse('invalid-product-code');
    if (!/^\d+\.\d\d$/.test(biz.total_amount ?? '')) return refuse('invalid-total-amount');
    trades.set(biz.out_trade_no!, {
      outTradeNo: biz.out_trade_no!,
      totalAmount: biz.total_amount!,
      subject: biz.subject!,
      notifyUrl: params.notify_url!,
      timeExpire: biz.time_expire,
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>支付宝 - 收银台</title><p>${biz.subject} ¥${biz.total_amount}</p>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gatewayUrl = `http://127.0.0.1:${port}/gateway.do`;

  const now = () =>
    new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

  return {
    gatewayUrl,
    appId,
    appPublicKey: app.publicKey,
    trades,
    env: {
      ALIPAY_GATEWAY: gatewayUrl,
      ALIPAY_APP_ID: appId,
      ALIPAY_APP_PRIVATE_KEY: pem(app.privateKey, 'pkcs8'),
      ALIPAY_PUBLIC_KEY: pem(platform.publicKey, 'spki'),
    },
    async open(payUrl) {
      const response = await fetch(payUrl);
      return { status: response.status, body: await response.text() };
    },
    notification(outTradeNo, over = {}) {
      const trade = trades.get(outTradeNo);
      const amount = trade?.totalAmount ?? '0.01';
      return {
        gmt_create: now(),
        charset: 'utf-8',
        gmt_payment: now(),
        notify_time: now(),
        subject: trade?.subject ?? 'unknown',
        sign_type: 'RSA2',
        buyer_id: '2088102177846880',
        invoice_amount: amount,
        version: '1.0',
        notify_id: randomBytes(16).toString('hex'),
        fund_bill_list: JSON.stringify([{ amount, fundChannel: 'ALIPAYACCOUNT' }]),
        notify_type: 'trade_status_sync',
        out_trade_no: outTradeNo,
        total_amount: amount,
        trade_status: 'TRADE_SUCCESS',
        trade_no: `2026112122001${String(Date.now()).slice(-8)}${randomBytes(3).toString('hex')}`,
        auth_app_id: appId,
        receipt_amount: amount,
        point_amount: '0.00',
        app_id: appId,
        buyer_pay_amount: amount,
        seller_id: '2088102176027680',
        ...over,
      };
    },
    async notify(url, params, options = {}) {
      const { sign: _ignored, sign_type: _type, ...rest } = params;
      const signed = { ...params };
      signed.sign = createSign('RSA-SHA256')
        .update(signContent(rest), 'utf8')
        .sign(options.signWith ?? platform.privateKey, 'base64');
      options.tamper?.(signed);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(signed).toString(),
      });
      return response.text();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
