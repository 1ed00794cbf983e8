import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import {
  AdjustProductStock,
  CreateCategory,
  CreateProduct,
  UpdateProduct,
} from '../documents/shop.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { productRow } from '../factories/shop.js';
import { signedInUser, uniqueName } from '../factories/users.js';

let t: TestApp;
let admin: TestClient;
let user: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
  user = t.client.as((await signedInUser(t.app)).token);
});
afterAll(() => t?.close());

const code = () => uniqueName('c').replace(/[^A-Za-z0-9_-]/g, '');

async function leafCategory(): Promise<string> {
  const root = (await admin.ok(CreateCategory, { input: { name: '数码', code: code() } }))
    .createCategory;
  const mid = (
    await admin.ok(CreateCategory, { input: { name: '手机', code: code(), parentId: root.id } })
  ).createCategory;
  const leaf = (
    await admin.ok(CreateCategory, { input: { name: '配件', code: code(), parentId: mid.id } })
  ).createCategory;
  return leaf.id;
}

const productInput = (categoryId: string, over: Record<string, unknown> = {}) => ({
  sn: uniqueName('SN'),
  name: '充电器 65W',
  brief: '氮化镓快充',
  price: 12900,
  marketPrice: 15900,
  stock: 10,
  images: ['https://img.example.com/charger.png'],
  categoryId,
  ...over,
});

describe('categories', () => {
  it('derives the level from the parent and stops at three levels', async () => {
    const root = (await admin.ok(CreateCategory, { input: { name: ' 家居 ', code: code() } }))
      .createCategory;
    expect(root).toMatchObject({ name: '家居', level: 1, parent: null });
    const mid = (
      await admin.ok(CreateCategory, { input: { name: '厨具', code: code(), parentId: root.id } })
    ).createCategory;
    expect(mid).toMatchObject({ level: 2, parent: { id: root.id } });
    const leaf = (
      await admin.ok(CreateCategory, { input: { name: '锅', code: code(), parentId: mid.id } })
    ).createCategory;
    expect(leaf.level).toBe(3);
    const deeper = await admin.fail(CreateCategory, {
      input: { name: '炒锅', code: code(), parentId: leaf.id },
    });
    expect(deeper.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
  });

  it('code is unique; unknown parent is NOT_FOUND; bad codes are refused; users are FORBIDDEN', async () => {
    const taken = code();
    await admin.ok(CreateCategory, { input: { name: 'A', code: taken } });
    const clash = await admin.fail(CreateCategory, { input: { name: 'B', code: taken } });
    expect(clash.extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
    const orphan = await admin.fail(CreateCategory, {
      input: { name: 'C', code: code(), parentId: '999999' },
    });
    expect(orphan.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'parentId' });
    const bad = await admin.fail(CreateCategory, { input: { name: 'D', code: 'has space' } });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const forbidden = await user.fail(CreateCategory, { input: { name: 'E', code: code() } });
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('products', () => {
  it('creates a product with every field', async () => {
    const categoryId = await leafCategory();
    const { createProduct } = await admin.ok(CreateProduct, {
      input: productInput(categoryId, { isNew: true }),
    });
    expect(createProduct).toMatchObject({
      name: '充电器 65W',
      price: 12900,
      marketPrice: 15900,
      stock: 10,
      soldCount: 0,
      clickCount: 0,
      favoriteCount: 0,
      isNew: true,
      isHot: false,
      images: ['https://img.example.com/charger.png'],
      category: { id: categoryId, level: 3 },
    });
  });

  it('validates input and names the field; sn is unique', async () => {
    const categoryId = await leafCategory();
    for (const [field, value] of [
      ['price', -1],
      ['marketPrice', 100_000_001],
      ['stock', -5],
      ['name', ''],
      ['images', ['javascript:alert(1)']],
    ] as const) {
      const error = await admin.fail(CreateProduct, {
        input: productInput(categoryId, { [field]: value }),
      });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(String(error.extensions?.field)).toContain(field);
    }
    const missing = await admin.fail(CreateProduct, { input: productInput('999999') });
    expect(missing.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'categoryId' });
    const input = productInput(categoryId);
    await admin.ok(CreateProduct, { input });
    const clash = await admin.fail(CreateProduct, { input: { ...input, name: 'other' } });
    expect(clash.extensions).toMatchObject({ code: 'CONFLICT', field: 'sn' });
    expect(
      (await user.fail(CreateProduct, { input: productInput(categoryId) })).extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('updateProduct changes only the given fields', async () => {
    const categoryId = await leafCategory();
    const { createProduct: p } = await admin.ok(CreateProduct, { input: productInput(categoryId) });
    const { updateProduct } = await admin.ok(UpdateProduct, {
      id: p.id,
      input: { price: 9900, isHot: true, brief: null },
    });
    expect(updateProduct).toMatchObject({
      name: p.name,
      price: 9900,
      marketPrice: 15900,
      isHot: true,
      brief: null,
      stock: 10,
    });
    const nulled = await admin.fail(UpdateProduct, { id: p.id, input: { price: null } });
    expect(nulled.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'price' });
  });

  it('adjustProductStock never takes stock below zero, even when 20 run at once', async () => {
    const categoryId = await leafCategory();
    const { createProduct: p } = await admin.ok(CreateProduct, {
      input: productInput(categoryId, { stock: 7 }),
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => admin.request(AdjustProductStock, { id: p.id, delta: -1 })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(7);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.code === 'INSUFFICIENT_STOCK'),
    ).toHaveLength(13);
    expect((await productRow(t.app, p.id)).stock).toBe(0);
    expect(
      (await admin.ok(AdjustProductStock, { id: p.id, delta: 25 })).adjustProductStock.stock,
    ).toBe(25);
  });
});
