import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app/create-app.js';
import { Address, Category, Product } from '../../src/modules/shop/index.js';
import { User } from '../../src/modules/accounts/index.js';

const tag = () => randomBytes(4).toString('hex');

/** A fresh three-level branch: root → mid → leaf (unique codes). */
export async function createCategoryBranch(
  app: App,
  names: [string, string, string] = ['根', '中', '叶'],
): Promise<{ root: Category; mid: Category; leaf: Category }> {
  const em = app.orm.em.fork();
  const root = em.create(Category, { name: names[0], code: `r-${tag()}`, level: 1, parent: null });
  const mid = em.create(Category, { name: names[1], code: `m-${tag()}`, level: 2, parent: root });
  const leaf = em.create(Category, { name: names[2], code: `l-${tag()}`, level: 3, parent: mid });
  await em.flush();
  return { root, mid, leaf };
}

export interface ProductSpec {
  name?: string;
  brief?: string | null;
  description?: string | null;
  price?: number;
  marketPrice?: number;
  stock?: number;
  soldCount?: number;
  isNew?: boolean;
  isHot?: boolean;
  createdAt?: Date;
}

/** Inserts a product directly (no GraphQL). */
export async function createProduct(
  app: App,
  category: Category,
  spec: ProductSpec = {},
): Promise<Product> {
  const em = app.orm.em.fork();
  const product = em.create(Product, {
    sn: `SN-${tag()}`,
    name: spec.name ?? `商品 ${tag()}`,
    brief: spec.brief ?? null,
    description: spec.description ?? null,
    price: spec.price ?? 1000,
    marketPrice: spec.marketPrice ?? spec.price ?? 1000,
    stock: spec.stock ?? 100,
    soldCount: spec.soldCount ?? 0,
    isNew: spec.isNew ?? false,
    isHot: spec.isHot ?? false,
    category: em.getReference(Category, category.id),
    ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
  });
  await em.flush();
  return product;
}

/** An address of the user, inserted directly. */
export async function createAddress(app: App, owner: User, isDefault = false): Promise<Address> {
  const em = app.orm.em.fork();
  const address = em.create(Address, {
    owner: em.getReference(User, owner.id),
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园路 1 号',
    recipientName: '张三',
    recipientPhone: '13800138000',
    isDefault,
  });
  await em.flush();
  return address;
}

/** Current database values of a product (bypassing every cache). */
export async function productRow(
  app: App,
  id: string,
): Promise<{ stock: number; sold_count: number; click_count: number; favorite_count: number }> {
  const [row] = await app.orm.em
    .fork()
    .execute<{ stock: number; sold_count: number; click_count: number; favorite_count: number }[]>(
      'select stock, sold_count, click_count, favorite_count from product where id = ?',
      [id],
    );
  return row!;
}
