import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { optionalText } from '../../common/validation.js';
import { parseId } from '../../db/ids.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { alipayTime } from '../../infra/alipay-client.js';
import type { AddressService } from './address.service.js';
import { MAX_CART_TOTAL } from './cart.service.js';
import { Order, type OrderLine, type OrderStatus } from './order.entity.js';
import type { Product } from './product.entity.js';
import type { CheckoutInput } from './shop.inputs.js';
import { orderLines, productById } from './shop.loaders.js';
import { releaseStock } from './stock.js';

const ORDER_CURSOR = 'order:id';

/** `yyyyMMddHHmmss` (China time) and eight random digits: readable, sortable by day, not guessable. */
function newOrderSn(now = new Date()): string {
  return `${alipayTime(now).replace(/\D/g, '')}${String(randomInt(100_000_000)).padStart(8, '0')}`;
}

/** INVALID_ORDER_STATE with the order's status (and why, when it is not the status itself). */
export function invalidState(status: OrderStatus, message: string, reason?: string): AppError {
  return new AppError(ErrorCode.INVALID_ORDER_STATE, message, {
    status,
    ...(reason ? { reason } : {}),
  });
}

/**
 * Orders: checkout from the cart, cancellation, the viewer's order history.
 * Checkout is one transaction that takes stock with conditional updates in
 * product-id order (so concurrent checkouts cannot deadlock) and leaves
 * nothing behind when any line is short.
 */
export class OrderService {
  constructor(
    private readonly addresses: AddressService,
    private readonly paymentTimeoutMs: number,
  ) {}

  /** Turns the viewer's cart into a PENDING_PAYMENT order and empties the cart. */
  async checkout(ctx: RequestContext, input: CheckoutInput): Promise<Order> {
    const userId = viewerId(ctx);
    const note = optionalText(input.note ?? null, 'note', 200);
    return ctx.em.transactional(async (em) => {
      const address = await this.addresses.owned(em, userId, input.addressId, 'addressId');
      const cart = await em.execute<{ product_id: string; quantity: number }[]>(
        'select product_id, quantity from cart_item where user_id = ? order by product_id for update',
        [userId],
      );
      if (cart.length === 0) throw new AppError(ErrorCode.CART_EMPTY, 'The cart is empty');

      const lines: { productId: string; name: string; price: number; quantity: number }[] = [];
      for (const { product_id: productId, quantity } of cart) {
        const [taken] = await em.execute<{ name: string; price: number }[]>(
          'update product set stock = stock - ? where id = ? and stock >= ? returning name, price',
          [quantity, productId, quantity],
        );
        if (!taken) {
          const [row] = await em.execute<{ stock: number }[]>(
            'select stock from product where id = ?',
            [productId],
          );
          throw AppError.insufficientStock(String(productId), row?.stock ?? 0);
        }
        lines.push({
          productId: String(productId),
          name: taken.name,
          price: taken.price,
          quantity,
        });
      }
      const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
      if (total > MAX_CART_TOTAL)
        throw AppError.badInput('input', 'An order may total at most 20,000,000 yuan');

      const shippingAddress = [address.province, address.city, address.district, address.detail]
        .filter(Boolean)
        .join(' ');
      let row: Record<string, unknown> | undefined;
      for (let attempt = 0; !row; attempt++) {
        if (attempt === 5) throw new Error('could not find a free order number');
        [row] = await em.execute<Record<string, unknown>[]>(
          `insert into shop_order (order_sn, owner_id, total, shipping_address, recipient_name, recipient_phone, note, expires_at)
           values (?, ?, ?, ?, ?, ?, ?, now() + ? * interval '1 millisecond')
           on conflict (order_sn) do nothing returning *`,
          [
            newOrderSn(),
            userId,
            total,
            shippingAddress,
            address.recipientName,
            address.recipientPhone,
            note,
            this.paymentTimeoutMs,
          ],
        );
      }
      const order = em.map(Order, row);
      await em.execute(
        `insert into order_line (order_id, product_id, product_name, unit_price, quantity, subtotal)
         values ${lines.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        lines.flatMap((l) => [
          order.id,
          l.productId,
          l.name,
          l.price,
          l.quantity,
          l.price * l.quantity,
        ]),
      );
      await em.execute('delete from cart_item where user_id = ?', [userId]);
      return order;
    });
  }

  /** Cancels one of the viewer's unpaid orders and gives its stock back, in one transaction. */
  async cancel(ctx: RequestContext, rawId: string): Promise<Order> {
    const userId = viewerId(ctx);
    const id = parseId(rawId);
    if (!id) throw AppError.notFound('Order', rawId);
    return ctx.em.transactional(async (em) => {
      const [row] = await em.execute<Record<string, unknown>[]>(
        `update shop_order set status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'BUYER'
         where id = ? and owner_id = ? and status = 'PENDING_PAYMENT' returning *`,
        [id, userId],
      );
      if (!row) {
        const order = await this.owned(em, userId, rawId);
        throw invalidState(order.status, `Only an order awaiting payment can be cancelled`);
      }
      await releaseStock(em, [id]);
      return em.map(Order, row);
    });
  }

  /** The viewer's orders, newest first. */
  async myOrders(
    ctx: RequestContext,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ConnectionShape<Order>> {
    const userId = viewerId(ctx);
    const limit = pageSize(first);
    const cursor = decodeCursor(
      after,
      ORDER_CURSOR,
      1,
      ([id]) => parseId(String(id)) !== undefined,
    );
    const [rows, total] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : ctx.em.find(
            Order,
            { owner: userId, ...(cursor ? { id: { $lt: String(cursor[0]) } } : {}) },
            { orderBy: { id: 'desc' }, limit: limit + 1 },
          ),
      ctx.em.fork().count(Order, { owner: userId }),
    ]);
    return toConnection(rows, limit, (o) => encodeCursor(ORDER_CURSOR, [o.id]), total);
  }

  /** One of the viewer's orders; NOT_FOUND for another user's or an unknown id. */
  order(ctx: RequestContext, rawId: string): Promise<Order> {
    return this.owned(ctx.em, viewerId(ctx), rawId);
  }

  lines(ctx: RequestContext, order: Order): Promise<OrderLine[]> {
    return ctx.loaders.get(orderLines).load(order.id);
  }

  /** The product of an order line (it may have been renamed or repriced since). */
  async lineProduct(ctx: RequestContext, line: OrderLine): Promise<Product> {
    return (await ctx.loaders.get(productById).load(line.product.id))!;
  }

  async owned(em: EntityManager, userId: string, rawId: string): Promise<Order> {
    const id = parseId(rawId);
    const order = id ? await em.findOne(Order, { id, owner: userId }, { refresh: true }) : null;
    if (!order) throw AppError.notFound('Order', rawId);
    return order;
  }

  /**
   * Cancels up to `limit` orders whose payment time is over and returns their
   * stock, in one transaction. Rows another sweeper (or a payment) holds are
   * skipped, and the status condition makes each cancellation happen once.
   * Returns the order numbers cancelled.
   */
  async sweepExpired(em: EntityManager, limit = 100): Promise<string[]> {
    return em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string; order_sn: string }[]>(
        `update shop_order set status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'EXPIRED'
         where id in (
           select id from shop_order where status = 'PENDING_PAYMENT' and expires_at <= now()
           order by expires_at limit ? for update skip locked)
         and status = 'PENDING_PAYMENT'
         returning id, order_sn`,
        [limit],
      );
      if (rows.length > 0)
        await releaseStock(
          tx,
          rows.map((r) => String(r.id)),
        );
      return rows.map((r) => r.order_sn);
    });
  }
}
