import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import { Product } from './product.entity.js';

/**
 * The viewer's favourite products. Adding and removing are idempotent; the
 * product's `favoriteCount` moves in the same transaction, and only when a
 * row was really inserted or deleted (the unique index decides between
 * concurrent adds), so the count is exact.
 */
export class FavoriteService {
  async add(ctx: RequestContext, rawProductId: string): Promise<Product> {
    const userId = viewerId(ctx);
    const productId = this.productId(rawProductId);
    return ctx.em.transactional(async (em) => {
      await this.requireProduct(em, productId, rawProductId);
      const inserted = await em.execute<{ id: string }[]>(
        `insert into favorite (user_id, product_id) values (?, ?)
         on conflict (user_id, product_id) do nothing returning id`,
        [userId, productId],
      );
      return this.changeCount(em, productId, inserted.length);
    });
  }

  async remove(ctx: RequestContext, rawProductId: string): Promise<Product> {
    const userId = viewerId(ctx);
    const productId = this.productId(rawProductId);
    return ctx.em.transactional(async (em) => {
      await this.requireProduct(em, productId, rawProductId);
      const deleted = await em.execute<{ id: string }[]>(
        'delete from favorite where user_id = ? and product_id = ? returning id',
        [userId, productId],
      );
      return this.changeCount(em, productId, -deleted.length);
    });
  }

  /** The viewer's favourites, most recently added first. */
  async list(ctx: RequestContext): Promise<Product[]> {
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      `select p.* from favorite f join product p on p.id = f.product_id
       where f.user_id = ? order by f.id desc`,
      [viewerId(ctx)],
    );
    return rows.map((row) => ctx.em.map(Product, row));
  }

  private productId(raw: string): string {
    const id = parseId(raw);
    if (!id) throw AppError.notFound('Product', raw);
    return id;
  }

  private async requireProduct(em: EntityManager, id: string, rawId: string): Promise<void> {
    const rows = await em.execute<{ id: string }[]>('select id from product where id = ?', [id]);
    if (rows.length === 0) throw AppError.notFound('Product', rawId);
  }

  /** Moves the count by `delta` (0 re-reads) and returns the product as committed by this transaction. */
  private async changeCount(em: EntityManager, productId: string, delta: number): Promise<Product> {
    const [row] = await em.execute<Record<string, unknown>[]>(
      delta === 0
        ? 'select * from product where id = ?'
        : 'update product set favorite_count = favorite_count + ? where id = ? returning *',
      delta === 0 ? [productId] : [delta, productId],
    );
    return em.map(Product, row!);
  }
}
