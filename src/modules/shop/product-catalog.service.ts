import type { RequestContext } from '../../app/context.js';
import {
  decodeCursor,
  encodeCursor,
  likePattern,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../common/pagination.js';
import { parseId } from '../../db/ids.js';
import { readQuery } from '../../db/read-query.js';
import { AppError } from '../../errors/index.js';
import { Category } from './category.entity.js';
import { Product } from './product.entity.js';
import { ProductOrder, type ProductFilter } from './shop.inputs.js';
import { categoryById, categoryChildren, viewerFavorited } from './shop.loaders.js';

export const MAX_SEARCH_LENGTH = 100;

interface Ordering {
  /** The sort key column besides `id`. */
  readonly column: string;
  readonly direction: 'asc' | 'desc';
  /** SQL cast of the cursor value. */
  readonly cast: string;
  readonly key: (p: Product) => string | number;
  readonly validKey: (value: string | number) => boolean;
}

const isCount = (v: string | number) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const ORDERINGS: Record<ProductOrder, Ordering> = {
  [ProductOrder.NEWEST]: {
    column: 'created_at',
    direction: 'desc',
    cast: 'timestamptz',
    key: (p) => p.createdAt.toISOString(),
    validKey: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  },
  [ProductOrder.PRICE_ASC]: {
    column: 'price',
    direction: 'asc',
    cast: 'integer',
    key: (p) => p.price,
    validKey: isCount,
  },
  [ProductOrder.PRICE_DESC]: {
    column: 'price',
    direction: 'desc',
    cast: 'integer',
    key: (p) => p.price,
    validKey: isCount,
  },
  [ProductOrder.SOLD_DESC]: {
    column: 'sold_count',
    direction: 'desc',
    cast: 'integer',
    key: (p) => p.soldCount,
    validKey: isCount,
  },
};

function checkPrice(value: number | null | undefined, field: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0)
    throw AppError.badInput(field, `${field} must be a whole number of fen, 0 or more`);
  return value;
}

/**
 * The shop catalogue: the category tree and product listings. Listings are
 * one SQL statement each (plus a count) with keyset cursors per ordering;
 * search is `ILIKE` over name, brief and description, backed by trigram
 * indexes (so Chinese substrings work too).
 */
export class ProductCatalogService {
  /** Top-level categories; their children resolve through a DataLoader. */
  categories(ctx: RequestContext): Promise<Category[]> {
    return ctx.em.find(Category, { parent: null }, { orderBy: { id: 'asc' } });
  }

  parent(ctx: RequestContext, category: Category): Promise<Category | null> | null {
    return category.parent ? ctx.loaders.get(categoryById).load(category.parent.id) : null;
  }

  children(ctx: RequestContext, category: Category): Promise<Category[]> {
    return ctx.loaders.get(categoryChildren).load(category.id);
  }

  category(ctx: RequestContext, product: Product): Promise<Category> {
    return ctx.loaders
      .get(categoryById)
      .load(product.category.id)
      .then((c) => c!);
  }

  viewerFavorited(ctx: RequestContext, product: Product): boolean | Promise<boolean> {
    return ctx.viewer ? ctx.loaders.get(viewerFavorited).load(product.id) : false;
  }

  /**
   * One product, counting a click with a single atomic UPDATE (no read,
   * modify, write); null when the id does not exist.
   */
  async product(ctx: RequestContext, rawId: string): Promise<Product | null> {
    const id = parseId(rawId);
    if (!id) return null;
    const rows = await ctx.em.execute<Record<string, unknown>[]>(
      'update product set click_count = click_count + 1 where id = ? returning *',
      [id],
    );
    return rows[0] ? ctx.em.map(Product, rows[0]) : null;
  }

  /** A page of products matching the filter, in the given order. */
  async products(
    ctx: RequestContext,
    filter: ProductFilter | null | undefined,
    orderBy: ProductOrder,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<ConnectionShape<Product>> {
    const limit = pageSize(first);
    const ordering = ORDERINGS[orderBy];
    const cursor = decodeCursor(
      after,
      `product:${orderBy}`,
      2,
      ([key, id]) => ordering.validKey(key!) && parseId(String(id)) !== undefined,
    );

    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      conditions.push(sql);
      params.push(...values);
    };
    if (filter?.categoryId != null) {
      // A malformed id matches nothing, like an id that does not exist.
      add(
        `p.category_id in (
           with recursive subtree(id) as (
             select id from category where id = ?
             union all
             select c.id from category c join subtree s on c.parent_id = s.id
           ) select id from subtree)`,
        parseId(filter.categoryId) ?? '0',
      );
    }
    const minPrice = checkPrice(filter?.minPrice, 'filter.minPrice');
    const maxPrice = checkPrice(filter?.maxPrice, 'filter.maxPrice');
    if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice)
      throw AppError.badInput('filter.maxPrice', 'maxPrice must not be below minPrice');
    if (minPrice !== undefined) add('p.price >= ?', minPrice);
    if (maxPrice !== undefined) add('p.price <= ?', maxPrice);
    if (filter?.isNew != null) add('p.is_new = ?', filter.isNew);
    if (filter?.isHot != null) add('p.is_hot = ?', filter.isHot);
    const search = filter?.search?.trim();
    if (search) {
      if ([...search].length > MAX_SEARCH_LENGTH)
        throw AppError.badInput(
          'filter.search',
          `search is at most ${MAX_SEARCH_LENGTH} characters`,
        );
      const pattern = likePattern(search);
      add(
        '(p.name ilike ? or p.brief ilike ? or p.description ilike ?)',
        pattern,
        pattern,
        pattern,
      );
    }

    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const { column, direction, cast } = ordering;
    const keyset = cursor
      ? `${where ? `${where} and` : 'where'} (p.${column}, p.id) ${direction === 'asc' ? '>' : '<'} (?::${cast}, ?::bigint)`
      : where;
    const [rows, [count]] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : readQuery<Record<string, unknown>[]>(
            ctx.em,
            `select p.* from product p ${keyset}
             order by p.${column} ${direction}, p.id ${direction} limit ?`,
            [...params, ...(cursor ?? []), limit + 1],
          ),
      readQuery<{ count: string }[]>(
        ctx.em,
        `select count(*) as count from product p ${where}`,
        params,
      ),
    ]);
    const products = rows.map((row) => ctx.em.map(Product, row));
    return toConnection(
      products,
      limit,
      (p) => encodeCursor(`product:${orderBy}`, [ordering.key(p), p.id]),
      Number(count?.count ?? 0),
    );
  }
}
