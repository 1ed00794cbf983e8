import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Product } from '../../src/modules/shop/index.js';
import { Categories, ProductById, Products, ProductsDeep, AddFavorite } from '../documents/shop.js';
import { planWithoutSeqScan } from '../helpers/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { createCategoryBranch, createProduct, productRow } from '../factories/shop.js';
import { signedInUser } from '../factories/users.js';
import type { ProductFilter, ProductOrder, ProductsQuery } from '../gql/graphql.js';

let t: TestApp;
let statements = 0;
let fruit: { root: Category; mid: Category; leaf: Category };
let books: { root: Category; mid: Category; leaf: Category };
const products: Record<string, Product> = {};
const HOUR = 3_600_000;
const base = Date.now() - 100 * HOUR;

beforeAll(async () => {
  t = await startTestApp({ onQuery: () => void statements++ });
  fruit = await createCategoryBranch(t.app, ['生鲜', '水果', '柑橘']);
  books = await createCategoryBranch(t.app, ['图书', '计算机', '数据库']);
  const specs: [string, Category, Parameters<typeof createProduct>[2]][] = [
    [
      'orange',
      fruit.leaf,
      { name: '赣南脐橙 Navel Orange', price: 3990, soldCount: 50, isHot: true },
    ],
    [
      'pomelo',
      fruit.leaf,
      { name: '琯溪蜜柚', brief: '红心柚子 sweet', price: 2990, soldCount: 50 },
    ],
    [
      'tangerine',
      fruit.leaf,
      { name: '沃柑', description: 'Citrus from 广西武鸣', price: 2990, isNew: true },
    ],
    [
      'apple',
      fruit.mid,
      { name: '烟台苹果', price: 4990, soldCount: 10, isNew: true, isHot: true },
    ],
    ['basket', fruit.root, { name: '水果礼篮 100% fresh_mix', price: 19900, soldCount: 5 }],
    ['pg', books.leaf, { name: 'PostgreSQL 修炼之道', price: 8800, soldCount: 70 }],
    [
      'ddia',
      books.mid,
      { name: '设计数据密集型应用 DDIA', price: 12800, soldCount: 70, isNew: true },
    ],
  ];
  // Two products share a creation time, prices and sold counts tie: the id breaks every tie.
  let i = 0;
  for (const [key, category, spec] of specs) {
    products[key] = await createProduct(t.app, category, {
      ...spec,
      createdAt: new Date(base + (key === 'apple' ? 2 : i) * HOUR),
    });
    i++;
  }
});
afterAll(() => t?.close());

const names = async (filter: ProductFilter, client: TestClient = t.client) => {
  const { products: page } = await client.ok(Products, { filter, first: 100 });
  expect(page.totalCount).toBe(page.edges.length);
  return page.edges.map((e) => e.node.name).sort();
};
const keys = (...k: string[]) => k.map((key) => products[key]!.name).sort();

describe('categories', () => {
  it('lists the top level with nested children, levels derived from the parent', async () => {
    const { categories } = await t.client.ok(Categories);
    expect(categories.map((c) => c.code)).toEqual([fruit.root.code, books.root.code]);
    const [top] = categories;
    expect(top).toMatchObject({ level: 1, parent: null });
    expect(top!.children).toEqual([
      {
        id: fruit.mid.id,
        code: fruit.mid.code,
        level: 2,
        parent: { id: fruit.root.id, code: fruit.root.code },
        children: [{ id: fruit.leaf.id, code: fruit.leaf.code, level: 3, children: [] }],
      },
    ]);
  });
});

describe('products filters', () => {
  it('a category includes its whole subtree', async () => {
    expect(await names({ categoryId: fruit.root.id })).toEqual(
      keys('orange', 'pomelo', 'tangerine', 'apple', 'basket'),
    );
    expect(await names({ categoryId: fruit.mid.id })).toEqual(
      keys('orange', 'pomelo', 'tangerine', 'apple'),
    );
    expect(await names({ categoryId: fruit.leaf.id })).toEqual(
      keys('orange', 'pomelo', 'tangerine'),
    );
    expect(await names({ categoryId: books.root.id })).toEqual(keys('pg', 'ddia'));
    expect(await names({ categoryId: '999999' })).toEqual([]);
    expect(await names({ categoryId: 'not-an-id' })).toEqual([]);
  });

  it('price range is inclusive, and isNew / isHot combine with everything else', async () => {
    expect(await names({ minPrice: 2990, maxPrice: 3990 })).toEqual(
      keys('orange', 'pomelo', 'tangerine'),
    );
    expect(await names({ minPrice: 12800 })).toEqual(keys('basket', 'ddia'));
    expect(await names({ isNew: true })).toEqual(keys('tangerine', 'apple', 'ddia'));
    expect(await names({ isHot: true, categoryId: fruit.mid.id })).toEqual(keys('orange', 'apple'));
    expect(await names({ isNew: false, isHot: false, maxPrice: 9000 })).toEqual(
      keys('pomelo', 'pg'),
    );
  });

  it('refuses impossible ranges and over-long searches with the field named', async () => {
    const range = await t.client.fail(Products, { filter: { minPrice: 500, maxPrice: 100 } });
    expect(range.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.maxPrice' });
    const negative = await t.client.fail(Products, { filter: { minPrice: -1 } });
    expect(negative.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minPrice' });
    const long = await t.client.fail(Products, { filter: { search: '橙'.repeat(101) } });
    expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const tooMany = await t.client.fail(Products, { first: 101 });
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('search', () => {
  it('matches Chinese substrings and Latin text case-insensitively in name, brief and description', async () => {
    expect(await names({ search: '脐橙' })).toEqual(keys('orange'));
    expect(await names({ search: '柚' })).toEqual(keys('pomelo'));
    expect(await names({ search: 'navel orange' })).toEqual(keys('orange'));
    expect(await names({ search: 'ORANGE' })).toEqual(keys('orange'));
    expect(await names({ search: 'SWEET' })).toEqual(keys('pomelo'));
    expect(await names({ search: '广西' })).toEqual(keys('tangerine'));
    expect(await names({ search: 'citrus' })).toEqual(keys('tangerine'));
    expect(await names({ search: 'postgres' })).toEqual(keys('pg'));
    expect(await names({ search: '100%' })).toEqual(keys('basket'));
    expect(await names({ search: '_' })).toEqual(keys('basket'));
    expect(await names({ search: '  数据  ' })).toEqual(keys('ddia'));
    expect(await names({ search: '榴莲' })).toEqual([]);
    expect(await names({ search: 'orange', categoryId: books.root.id })).toEqual([]);
  });

  it('is served by the trigram indexes, not a table scan', async () => {
    const plan = await planWithoutSeqScan(
      t.app.orm.em.fork(),
      "select id from product p where p.name ilike '%脐橙%' or p.brief ilike '%脐橙%' or p.description ilike '%脐橙%'",
    );
    expect(plan).toMatch(/Bitmap Index Scan on product_name_trgm/);
    expect(plan).toMatch(/Bitmap Index Scan on product_brief_trgm/);
    expect(plan).toMatch(/Bitmap Index Scan on product_description_trgm/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe('orderings and paging', () => {
  const collect = async (orderBy: ProductOrder, pageSize: number) => {
    const seen: { id: string; price: number; soldCount: number }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const { products: page }: ProductsQuery = await t.client.ok(Products, {
        orderBy,
        first: pageSize,
        after,
      });
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((p) => p.id)).size).toBe(total);
    return seen;
  };
  const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

  it.each([1, 2, 3, 100])(
    'every ordering visits every product once (pages of %i)',
    async (size) => {
      const all = Object.values(products);
      const created = (p: Product) => p.createdAt.getTime();
      const newest = await collect('NEWEST', size);
      expect(newest.map((p) => p.id)).toEqual(
        [...all].sort((a, b) => created(b) - created(a) || byId(b, a)).map((p) => p.id),
      );
      const asc = await collect('PRICE_ASC', size);
      expect(asc.map((p) => p.id)).toEqual(
        [...all].sort((a, b) => a.price - b.price || byId(a, b)).map((p) => p.id),
      );
      const desc = await collect('PRICE_DESC', size);
      expect(desc.map((p) => p.id)).toEqual(
        [...all].sort((a, b) => b.price - a.price || byId(b, a)).map((p) => p.id),
      );
      const sold = await collect('SOLD_DESC', size);
      expect(sold.map((p) => p.id)).toEqual(
        [...all].sort((a, b) => b.soldCount - a.soldCount || byId(b, a)).map((p) => p.id),
      );
    },
  );

  it('a cursor only continues the ordering it came from', async () => {
    const { products: page } = await t.client.ok(Products, { orderBy: 'PRICE_ASC', first: 1 });
    const error = await t.client.fail(Products, {
      orderBy: 'NEWEST',
      first: 1,
      after: page.pageInfo.endCursor,
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const garbage = await t.client.fail(Products, { first: 1, after: 'bm90IGEgY3Vyc29y' });
    expect(garbage.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('product(id)', () => {
  it('counts every click exactly once, even 20 at a time', async () => {
    const id = products.pg!.id;
    const before = (await productRow(t.app, id)).click_count;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.client.ok(ProductById, { id })),
    );
    expect(results.every((r) => r.product?.id === id)).toBe(true);
    expect((await productRow(t.app, id)).click_count).toBe(before + 20);
    const { product } = await t.client.ok(ProductById, { id });
    expect(product!.clickCount).toBe(before + 21);
    expect(product!.category).toEqual({ id: books.leaf.id, code: books.leaf.code, level: 3 });
  });

  it('is null for an unknown or malformed id', async () => {
    expect((await t.client.ok(ProductById, { id: '999999' })).product).toBeNull();
    expect((await t.client.ok(ProductById, { id: 'abc' })).product).toBeNull();
  });
});

describe('no N+1', () => {
  it('products with category ancestors and viewerFavorited costs the same for 2 or 7 rows', async () => {
    const viewer = await signedInUser(t.app);
    const client = t.client.as(viewer.token);
    await client.ok(AddFavorite, { productId: products.orange!.id });
    const count = async (first: number) => {
      const before = statements;
      const result = await client.ok(ProductsDeep, { first });
      expect(result.products.edges).toHaveLength(first);
      return { statements: statements - before, result };
    };
    const two = await count(2);
    const seven = await count(7);
    expect(seven.statements).toBe(two.statements);
    // session check, page, count, categories ×3 (leaf, parent, grandparent levels), favourites
    expect(seven.statements).toBeLessThanOrEqual(7);
    const orange = seven.result.products.edges.find((e) => e.node.id === products.orange!.id);
    expect(orange!.node).toMatchObject({
      viewerFavorited: true,
      category: { id: fruit.leaf.id, parent: { id: fruit.mid.id, parent: { id: fruit.root.id } } },
    });
  });
});
