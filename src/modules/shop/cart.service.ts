import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import { CartItem } from './cart-item.entity.js';
import type { Cart } from './shop.types.js';

/** Pieces of one product per cart line. */
export const MAX_LINE_QUANTITY = 99;
/** Different products in one cart. */
export const MAX_CART_LINES = 100;
/** fen; an order total must fit a GraphQL Int (and Alipay's limits) with room to spare. */
export const MAX_CART_TOTAL = 2_000_000_000;

/** A cart line's value at the product's current price (fen). */
export function lineSubtotal(item: CartItem): number {
  return item.quantity * item.product.price;
}

function checkQuantity(quantity: number, min: 0 | 1): number {
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) {
    throw AppError.badInput('quantity', `quantity must be ${min} to ${MAX_LINE_QUANTITY}`);
  }
  return quantity;
}

/**
 * The viewer's cart. Every change is one transaction that re-checks the
 * limits (1–99 per line, at most the product's current stock, 100 lines,
 * total) against the committed state, so concurrent adds cannot push a line
 * past them; nothing is written when a check fails.
 */
export class CartService {
  /** The cart with line subtotals and totals at current prices. */
  async cart(ctx: RequestContext): Promise<Cart> {
    const items = await ctx.em.find(
      CartItem,
      { user: viewerId(ctx) },
      { populate: ['product'], orderBy: { id: 'asc' }, refresh: true },
    );
    let totalQuantity = 0;
    let totalPrice = 0;
    for (const item of items) {
      totalQuantity += item.quantity;
      totalPrice += lineSubtotal(item);
    }
    return { items, totalQuantity, totalPrice };
  }

  /** Adds pieces of a product, merging into the existing line. */
  async add(ctx: RequestContext, rawProductId: string, quantity: number): Promise<Cart> {
    const userId = viewerId(ctx);
    checkQuantity(quantity, 1);
    const productId = parseId(rawProductId);
    if (!productId) throw AppError.notFound('Product', rawProductId);
    await ctx.em.transactional(async (em) => {
      const stock = await this.stockOf(em, productId, rawProductId);
      const [line] = await em.execute<{ quantity: number; inserted: boolean }[]>(
        `insert into cart_item (user_id, product_id, quantity) values (?, ?, ?)
         on conflict (user_id, product_id) do update set quantity = cart_item.quantity + excluded.quantity
           where cart_item.quantity + excluded.quantity <= ?
         returning quantity, (xmax = 0) as inserted`,
        [userId, productId, quantity, MAX_LINE_QUANTITY],
      );
      if (!line) {
        throw AppError.badInput(
          'quantity',
          `A cart line holds at most ${MAX_LINE_QUANTITY} pieces of a product`,
        );
      }
      if (line.quantity > stock) throw AppError.insufficientStock(productId, stock);
      if (line.inserted) await this.checkLineCount(em, userId);
      await this.checkTotal(em, userId);
    });
    return this.cart(ctx);
  }

  /** Sets a line's quantity; 0 removes the line. */
  async update(ctx: RequestContext, rawProductId: string, quantity: number): Promise<Cart> {
    const userId = viewerId(ctx);
    checkQuantity(quantity, 0);
    if (quantity === 0) return this.remove(ctx, rawProductId);
    const productId = parseId(rawProductId);
    if (!productId) throw AppError.notFound('Cart item', rawProductId);
    await ctx.em.transactional(async (em) => {
      const rows = await em.execute<{ id: string }[]>(
        'update cart_item set quantity = ? where user_id = ? and product_id = ? returning id',
        [quantity, userId, productId],
      );
      if (rows.length === 0) throw AppError.notFound('Cart item', rawProductId);
      const stock = await this.stockOf(em, productId, rawProductId);
      if (quantity > stock) throw AppError.insufficientStock(productId, stock);
      await this.checkTotal(em, userId);
    });
    return this.cart(ctx);
  }

  /** Removes a product's line; removing a product that is not in the cart changes nothing. */
  async remove(ctx: RequestContext, rawProductId: string): Promise<Cart> {
    const userId = viewerId(ctx);
    const productId = parseId(rawProductId);
    if (productId) {
      await ctx.em.execute('delete from cart_item where user_id = ? and product_id = ?', [
        userId,
        productId,
      ]);
    }
    return this.cart(ctx);
  }

  async clear(ctx: RequestContext): Promise<Cart> {
    await ctx.em.execute('delete from cart_item where user_id = ?', [viewerId(ctx)]);
    return this.cart(ctx);
  }

  private async stockOf(em: EntityManager, productId: string, rawId: string): Promise<number> {
    const [product] = await em.execute<{ stock: number }[]>(
      'select stock from product where id = ?',
      [productId],
    );
    if (!product) throw AppError.notFound('Product', rawId);
    return product.stock;
  }

  private async checkLineCount(em: EntityManager, userId: string): Promise<void> {
    const [{ lines }] = await em.execute<[{ lines: number }]>(
      'select count(*)::int as lines from cart_item where user_id = ?',
      [userId],
    );
    if (lines > MAX_CART_LINES) {
      throw AppError.badInput('productId', `A cart holds at most ${MAX_CART_LINES} products`);
    }
  }

  private async checkTotal(em: EntityManager, userId: string): Promise<void> {
    const [{ total }] = await em.execute<[{ total: string | null }]>(
      `select sum(ci.quantity * p.price::bigint) as total
       from cart_item ci join product p on p.id = ci.product_id where ci.user_id = ?`,
      [userId],
    );
    if (Number(total ?? 0) > MAX_CART_TOTAL) {
      throw AppError.badInput('quantity', 'A cart may hold at most 20,000,000 yuan of goods');
    }
  }
}
