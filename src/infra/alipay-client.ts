import {
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto';
import type { Config } from '../config/index.js';

/** What `alipay.trade.page.pay` needs to know about one order. */
export interface PagePayOrder {
  /** Our order number, Alipay's `out_trade_no`. */
  readonly outTradeNo: string;
  /** fen */
  readonly totalFen: number;
  readonly subject: string;
  /** Alipay refuses payment after this moment. */
  readonly expiresAt: Date;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time (UTC+8, no daylight saving), as Alipay expects. */
export function alipayTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** fen → Alipay's yuan amount with two decimals ("12.30"). */
export function fenToYuan(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Alipay's yuan amount ("12.3", "12.30", "12") → fen; `undefined` for anything else. */
export function yuanToFen(yuan: string): number | undefined {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The string Alipay signs: `k=v` pairs sorted by key, joined with `&`. */
export function alipaySignContent(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/**
 * Alipay open-platform signatures (RSA2 = SHA256withRSA). Builds signed
 * `alipay.trade.page.pay` URLs with the app private key and verifies
 * asynchronous notifications with Alipay's public key. Keys never leave this
 * class and are never logged. The buyer's browser, not this service, talks to
 * the gateway, so there is no outgoing HTTP call here.
 */
export class AlipayClient {
  private readonly privateKey: KeyObject | undefined;
  private readonly publicKey: KeyObject | undefined;

  constructor(private readonly config: Config['alipay']) {
    this.privateKey = config.appPrivateKey ? createPrivateKey(config.appPrivateKey) : undefined;
    this.publicKey = config.publicKey ? createPublicKey(config.publicKey) : undefined;
  }

  /** App id, app private key and Alipay public key are all set. */
  get configured(): boolean {
    return Boolean(this.config.appId && this.privateKey && this.publicKey);
  }

  get appId(): string | undefined {
    return this.config.appId;
  }

  /**
   * The pay-page URL for an order: the gateway with the common parameters,
   * `biz_content` and `sign` over the sorted non-empty parameters.
   */
  pagePayUrl(order: PagePayOrder, notifyUrl: string, now = new Date()): string {
    if (!this.configured) throw new Error('Alipay is not configured');
    const params: Record<string, string> = {
      app_id: this.config.appId!,
      method: 'alipay.trade.page.pay',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTime(now),
      version: '1.0',
      notify_url: notifyUrl,
      biz_content: JSON.stringify({
        out_trade_no: order.outTradeNo,
        total_amount: fenToYuan(order.totalFen),
        subject: order.subject,
        product_code: 'FAST_INSTANT_TRADE_PAY',
        time_expire: alipayTime(order.expiresAt),
      }),
    };
    const signed = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== ''));
    params.sign = createSign('RSA-SHA256')
      .update(alipaySignContent(signed), 'utf8')
      .sign(this.privateKey!, 'base64');
    const url = new URL(this.config.gateway);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  /**
   * Verifies an asynchronous notification: the RSA2 `sign` over every other
   * parameter except `sign_type`, sorted by key. False for anything missing
   * or malformed.
   */
  verifyNotification(params: Readonly<Record<string, string>>): boolean {
    if (!this.publicKey) return false;
    const { sign, sign_type: signType, ...rest } = params;
    if (!sign || (signType !== undefined && signType !== 'RSA2')) return false;
    try {
      return createVerify('RSA-SHA256')
        .update(alipaySignContent(rest), 'utf8')
        .verify(this.publicKey, sign, 'base64');
    } catch {
      return false;
    }
  }
}
