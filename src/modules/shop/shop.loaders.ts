import DataLoader from 'dataloader';
import type { RequestContext } from '../../app/context.js';
import { entitiesBy, entityById, type LoaderFactory } from '../../app/loaders.js';
import { Category } from './category.entity.js';
import { OrderLine } from './order.entity.js';
import { Product } from './product.entity.js';

/** Categories by id. */
export const categoryById = entityById(Category);

/** The children of each category, in id order. */
export const categoryChildren = entitiesBy(Category, 'parent');

/** Products by id. */
export const productById = entityById(Product);

/** Whether the viewer has favourited each product: one query for the request. */
export const viewerFavorited: LoaderFactory<string, boolean, RequestContext> = (ctx) =>
  new DataLoader<string, boolean, string>(async (productIds) => {
    if (!ctx.viewer) return productIds.map(() => false);
    const rows = await ctx.em.execute<{ product_id: string }[]>(
      'select product_id from favorite where user_id = ? and product_id in (?)',
      [ctx.viewer.userId, [...productIds]],
    );
    const favorited = new Set(rows.map((r) => String(r.product_id)));
    return productIds.map((id) => favorited.has(id));
  });

/** The lines of each order, in id order. */
export const orderLines = entitiesBy(OrderLine, 'order');
