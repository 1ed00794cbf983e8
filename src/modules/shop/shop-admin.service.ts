import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import { normalizeUrl, optionalText, requireText } from '../../common/validation.js';
import { flushUnique, requireEntity } from '../../db/entity-helpers.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import { Category } from './category.entity.js';
import { Product } from './product.entity.js';
import type { CategoryInput, ProductInput, UpdateProductInput } from './shop.inputs.js';

/** fen: one million yuan per piece. */
export const MAX_PRICE = 100_000_000;
export const MAX_STOCK = 10_000_000;
export const MAX_IMAGES = 10;
export const MAX_LEVEL = 3;

function checkAmount(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw AppError.badInput(field, `${field} must be a whole number from 0 to ${max}`);
  return value;
}

function checkImages(images: readonly string[]): string[] {
  if (images.length > MAX_IMAGES)
    throw AppError.badInput('images', `At most ${MAX_IMAGES} images per product`);
  return images.map((url, i) => normalizeUrl(url, `images[${i}]`));
}

const requireCategory = (em: EntityManager, rawId: string, field: string) =>
  requireEntity(em, Category, rawId, 'Category', field);

/** ADMIN: the category tree and the product catalogue. */
export class ShopAdminService {
  /** A category; its level is its parent's plus one (at most three levels). */
  async createCategory(ctx: RequestContext, input: CategoryInput): Promise<Category> {
    const name = requireText(input.name, 'name', { max: 30 });
    const code = requireText(input.code, 'code', { max: 30 });
    if (!/^[A-Za-z0-9_-]+$/.test(code))
      throw AppError.badInput('code', 'code may contain letters, digits, "_" and "-" only');
    const parent = input.parentId
      ? await requireCategory(ctx.em, input.parentId, 'parentId')
      : null;
    const level = parent ? parent.level + 1 : 1;
    if (level > MAX_LEVEL)
      throw AppError.badInput('parentId', `Categories are at most ${MAX_LEVEL} levels deep`);
    const category = ctx.em.create(Category, { name, code, level, parent });
    await flushUnique(ctx.em, 'code', 'A category with this code exists');
    return category;
  }

  async createProduct(ctx: RequestContext, input: ProductInput): Promise<Product> {
    const product = ctx.em.create(Product, {
      sn: requireText(input.sn, 'sn', { max: 50 }),
      name: requireText(input.name, 'name', { max: 100 }),
      brief: optionalText(input.brief ?? null, 'brief', 500),
      description: optionalText(input.description ?? null, 'description', 10_000),
      price: checkAmount(input.price, 'price', MAX_PRICE),
      marketPrice: checkAmount(input.marketPrice, 'marketPrice', MAX_PRICE),
      stock: checkAmount(input.stock, 'stock', MAX_STOCK),
      isNew: input.isNew,
      isHot: input.isHot,
      images: checkImages(input.images),
      category: await requireCategory(ctx.em, input.categoryId, 'categoryId'),
    });
    await flushUnique(ctx.em, 'sn', 'A product with this sn exists');
    return product;
  }

  /** Changes the given fields; counts and stock are not touched here. */
  async updateProduct(
    ctx: RequestContext,
    rawId: string,
    input: UpdateProductInput,
  ): Promise<Product> {
    for (const field of [
      'name',
      'price',
      'marketPrice',
      'isNew',
      'isHot',
      'images',
      'categoryId',
    ] as const) {
      if (input[field] === null) throw AppError.badInput(field, `${field} cannot be null`);
    }
    const id = parseId(rawId);
    const product = id ? await ctx.em.findOne(Product, { id }) : null;
    if (!product) throw AppError.notFound('Product', rawId);
    const changes: Partial<Product> = {};
    if (input.name != null) changes.name = requireText(input.name, 'name', { max: 100 });
    if (input.brief !== undefined) changes.brief = optionalText(input.brief, 'brief', 500);
    if (input.description !== undefined)
      changes.description = optionalText(input.description, 'description', 10_000);
    if (input.price != null) changes.price = checkAmount(input.price, 'price', MAX_PRICE);
    if (input.marketPrice != null)
      changes.marketPrice = checkAmount(input.marketPrice, 'marketPrice', MAX_PRICE);
    if (input.isNew != null) changes.isNew = input.isNew;
    if (input.isHot != null) changes.isHot = input.isHot;
    if (input.images != null) changes.images = checkImages(input.images);
    if (input.categoryId != null)
      changes.category = await requireCategory(ctx.em, input.categoryId, 'categoryId');
    // Only the changed columns are written, so concurrent stock and count updates are kept.
    ctx.em.assign(product, changes);
    await ctx.em.flush();
    return product;
  }

  /**
   * Moves a product's stock by `delta` in one conditional UPDATE (never
   * below zero, whatever checkouts run at the same time).
   */
  async adjustStock(ctx: RequestContext, rawId: string, delta: number): Promise<Product> {
    if (!Number.isInteger(delta) || Math.abs(delta) > MAX_STOCK)
      throw AppError.badInput(
        'delta',
        `delta must be a whole number from -${MAX_STOCK} to ${MAX_STOCK}`,
      );
    const id = parseId(rawId);
    if (!id) throw AppError.notFound('Product', rawId);
    const [row] = await ctx.em.execute<Record<string, unknown>[]>(
      'update product set stock = stock + ? where id = ? and stock + ? between 0 and ? returning *',
      [delta, id, delta, MAX_STOCK],
    );
    if (row) return ctx.em.map(Product, row);
    const [current] = await ctx.em.execute<{ stock: number }[]>(
      'select stock from product where id = ?',
      [id],
    );
    if (!current) throw AppError.notFound('Product', rawId);
    if (current.stock + delta < 0) throw AppError.insufficientStock(id, current.stock);
    throw AppError.badInput('delta', `stock cannot exceed ${MAX_STOCK}`);
  }
}
