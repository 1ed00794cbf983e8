import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddToCart, CartQuery, ProductById, Products } from '../documents/shop.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { createCategoryBranch, createProduct } from '../factories/shop.js';
import { signedInUser } from '../factories/users.js';

/**
 * DATABASE_READ_URLS points at a second database that never receives the
 * primary's writes: a replica lagging forever. Catalogue listings come from
 * it; everything else (a user's own data, the product page) from the primary.
 */
describe('read replicas', () => {
  let t: TestApp;
  beforeAll(async () => {
    const replica = await createTestDatabase();
    t = await startTestApp({ env: { DATABASE_READ_URLS: replica } });
  });
  afterAll(() => t?.close());

  it('serves catalogue listings from the replica and the viewer’s own data from the primary', async () => {
    const { leaf } = await createCategoryBranch(t.app);
    const product = await createProduct(t.app, leaf, { name: '只在主库' });
    // The listing reads the (stale) replica…
    expect((await t.client.ok(Products, { first: 10 })).products.totalCount).toBe(0);
    // …the product page, the cart and the mutation answers read the primary.
    expect((await t.client.ok(ProductById, { id: product.id })).product?.name).toBe('只在主库');
    const me = t.client.as((await signedInUser(t.app)).token);
    const added = (await me.ok(AddToCart, { productId: product.id })).addToCart;
    expect(added.items.map((i) => i.product.id)).toEqual([product.id]);
    expect((await me.ok(CartQuery)).cart.totalQuantity).toBe(1);
  });
});
