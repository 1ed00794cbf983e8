import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { yuanToFen, type AlipayClient } from '../../infra/alipay-client.js';
import type { Logger } from '../../infra/index.js';
import { OrderStatus } from './order.entity.js';
import { invalidState, type OrderService } from './order.service.js';
import { orderLines } from './shop.loaders.js';
import type { Payment } from './shop.types.js';
import { countSold } from './stock.js';

/** What the notify endpoint answers Alipay: `success` stops its retries. */
export type NotifyAnswer = 'success' | 'failure';

const PAID_STATUSES = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);
const UNPAID_STATUSES = new Set(['WAIT_BUYER_PAY', 'TRADE_CLOSED']);
const MAX_SUBJECT = 256;

/** "2026-11-21 10:00:00" in China time → Date; undefined for anything else. */
function parseAlipayTime(value: string | undefined): Date | undefined {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/.exec(value ?? '');
  if (!match) return undefined;
  const at = new Date(`${match[1]}T${match[2]}+08:00`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * Alipay payment: signed pay-page URLs for the buyer, and the asynchronous
 * notification that marks an order paid. A notification changes anything
 * only when its signature, app id, order number and amount all check out,
 * and a trade number is applied once: replays answer `success` and change
 * nothing. Money that arrives for an order that can no longer be paid is
 * recorded for a refund and logged with its trade number.
 */
export class PaymentService {
  constructor(
    private readonly alipay: AlipayClient,
    private readonly orders: OrderService,
    private readonly notifyUrl: string,
    private readonly log: Logger,
  ) {}

  /** The signed pay-page URL of one of the viewer's unpaid orders. */
  async payOrder(ctx: RequestContext, rawId: string): Promise<Payment> {
    const order = await this.orders.owned(ctx.em, viewerId(ctx), rawId);
    if (order.status !== OrderStatus.PENDING_PAYMENT)
      throw invalidState(order.status, 'Only an order awaiting payment can be paid');
    if (order.expiresAt.getTime() <= Date.now())
      throw invalidState(order.status, 'The time to pay this order is over', 'EXPIRED');
    if (!this.alipay.configured)
      throw new AppError(
        ErrorCode.INTERNAL_SERVER_ERROR,
        'Alipay payment is not configured on this server',
        { reason: 'NOT_CONFIGURED' },
      );
    const lines = await ctx.loaders.get(orderLines).load(order.id);
    const pieces = lines.reduce((n, l) => n + l.quantity, 0);
    const first = lines[0]?.productName ?? order.orderSn;
    const subject = [...(pieces > 1 ? `${first} 等${pieces}件商品` : first)]
      .slice(0, MAX_SUBJECT)
      .join('');
    const payUrl = this.alipay.pagePayUrl(
      { outTradeNo: order.orderSn, totalFen: order.total, subject, expiresAt: order.expiresAt },
      this.notifyUrl,
    );
    return { orderId: order.id, payUrl };
  }

  /** Handles one notification (already form-decoded); see the class comment. */
  async notify(em: EntityManager, params: Record<string, string>): Promise<NotifyAnswer> {
    const outTradeNo = params.out_trade_no;
    const tradeNo = params.trade_no;
    const tradeStatus = params.trade_status ?? '';
    const where = { outTradeNo, tradeNo, tradeStatus };
    if (!this.alipay.configured) {
      this.log.error(where, 'alipay notification received but Alipay is not configured');
      return 'failure';
    }
    if (!this.alipay.verifyNotification(params)) {
      this.log.warn(where, 'alipay notification refused: bad signature');
      return 'failure';
    }
    if (params.app_id !== this.alipay.appId) {
      this.log.warn({ ...where, appId: params.app_id }, 'alipay notification refused: other app');
      return 'failure';
    }
    const amount = yuanToFen(params.total_amount ?? '');
    if (!outTradeNo || !tradeNo || amount === undefined) {
      this.log.warn(where, 'alipay notification refused: missing fields');
      return 'failure';
    }
    if (!PAID_STATUSES.has(tradeStatus) && !UNPAID_STATUSES.has(tradeStatus)) {
      this.log.warn(where, 'alipay notification refused: unknown trade status');
      return 'failure';
    }

    return em.transactional(async (tx) => {
      const [order] = await tx.execute<
        { id: string; status: OrderStatus; total: number; trade_no: string | null }[]
      >('select id, status, total, trade_no from shop_order where order_sn = ? for update', [
        outTradeNo,
      ]);
      if (!order) {
        this.log.warn(where, 'alipay notification refused: unknown order');
        return 'failure';
      }
      if (order.total !== amount) {
        this.log.warn(
          { ...where, amount, total: order.total },
          'alipay notification refused: amount differs from the order total',
        );
        return 'failure';
      }
      if (!PAID_STATUSES.has(tradeStatus)) return 'success';

      const payable = order.status === OrderStatus.PENDING_PAYMENT;
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into payment (order_id, trade_no, amount, trade_status, refund_required)
         values (?, ?, ?, ?, ?) on conflict (trade_no) do nothing returning id`,
        [order.id, tradeNo, amount, tradeStatus, !payable],
      );
      if (inserted.length === 0) return 'success'; // a replay: already applied
      if (!payable) {
        this.log.warn(
          { ...where, status: order.status, orderTradeNo: order.trade_no },
          'alipay payment for an order that can no longer be paid; refund required',
        );
        return 'success';
      }
      await tx.execute(
        `update shop_order set status = 'PAID', trade_no = ?, paid_at = ? where id = ?`,
        [tradeNo, parseAlipayTime(params.gmt_payment) ?? new Date(), order.id],
      );
      await countSold(tx, [String(order.id)]);
      this.log.info(where, 'order paid');
      return 'success';
    });
  }
}
