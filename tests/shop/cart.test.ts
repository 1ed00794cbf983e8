import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import type { Category } from '../../src/modules/shop/index.js';
import {
  AddFavorite,
  AddToCart,
  CartQuery,
  ClearCart,
  MyFavorites,
  ProductById,
  RemoveFavorite,
  RemoveFromCart,
  UpdateCartItem,
  UpdateProduct,
} from '../documents/shop.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { createCategoryBranch, createProduct, productRow } from '../factories/shop.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
let category: Category;
let admin: TestClient;
beforeAll(async () => {
  t = await startTestApp();
  category = (await createCategoryBranch(t.app)).leaf;
  admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
});
afterAll(() => t?.close());

const shopper = async () => t.client.as((await signedInUser(t.app)).token);

describe('cart', () => {
  it('merges repeated adds into one line with subtotals and totals at current prices', async () => {
    const me = await shopper();
    const tea = await createProduct(t.app, category, { price: 1250, stock: 50 });
    const pen = await createProduct(t.app, category, { price: 199, stock: 50 });
    await me.ok(AddToCart, { productId: tea.id });
    await me.ok(AddToCart, { productId: pen.id, quantity: 3 });
    const { addToCart: cart } = await me.ok(AddToCart, { productId: tea.id, quantity: 2 });
    expect(cart.items.map((i) => [i.product.id, i.quantity, i.subtotal])).toEqual([
      [tea.id, 3, 3750],
      [pen.id, 3, 597],
    ]);
    expect(cart).toMatchObject({ totalQuantity: 6, totalPrice: 4347 });

    // A price change shows in the cart at once: it holds quantities, not prices.
    await admin.ok(UpdateProduct, { id: tea.id, input: { price: 1000 } });
    const { cart: repriced } = await me.ok(CartQuery);
    expect(repriced).toMatchObject({ totalQuantity: 6, totalPrice: 3597 });
    expect(repriced.items[0]).toMatchObject({ quantity: 3, subtotal: 3000 });
  });

  it('keeps a line between 1 and 99 pieces and names the field', async () => {
    const me = await shopper();
    const product = await createProduct(t.app, category, { stock: 500 });
    for (const quantity of [0, -1, 100]) {
      const error = await me.fail(AddToCart, { productId: product.id, quantity });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    }
    await me.ok(AddToCart, { productId: product.id, quantity: 60 });
    const merged = await me.fail(AddToCart, { productId: product.id, quantity: 40 });
    expect(merged.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    const update = await me.fail(UpdateCartItem, { productId: product.id, quantity: 100 });
    expect(update.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    const { cart } = await me.ok(CartQuery);
    expect(cart.items).toHaveLength(1);
    expect(cart.items[0]!.quantity).toBe(60);
  });

  it('refuses more than the stock with INSUFFICIENT_STOCK, productId and available, and writes nothing', async () => {
    const me = await shopper();
    const product = await createProduct(t.app, category, { stock: 5 });
    const tooMany = await me.fail(AddToCart, { productId: product.id, quantity: 6 });
    expect(tooMany.extensions).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      productId: product.id,
      available: 5,
    });
    expect((await me.ok(CartQuery)).cart.items).toEqual([]);

    await me.ok(AddToCart, { productId: product.id, quantity: 4 });
    const merged = await me.fail(AddToCart, { productId: product.id, quantity: 2 });
    expect(merged.extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 5 });
    const update = await me.fail(UpdateCartItem, { productId: product.id, quantity: 6 });
    expect(update.extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 5 });
    expect((await me.ok(CartQuery)).cart.items[0]!.quantity).toBe(4);

    const soldOut = await createProduct(t.app, category, { stock: 0 });
    const none = await me.fail(AddToCart, { productId: soldOut.id });
    expect(none.extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 0 });
  });

  it('concurrent adds of one product by one user never pass the line limit', async () => {
    const me = await shopper();
    const product = await createProduct(t.app, category, { stock: 1000 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        me.request(AddToCart, { productId: product.id, quantity: 10 }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(9);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT'),
    ).toHaveLength(11);
    expect((await me.ok(CartQuery)).cart.items[0]!.quantity).toBe(90);
  });

  it('updates, removes (0 or removeFromCart) and clears', async () => {
    const me = await shopper();
    const a = await createProduct(t.app, category, { price: 100 });
    const b = await createProduct(t.app, category, { price: 200 });
    const c = await createProduct(t.app, category, { price: 300 });
    for (const p of [a, b, c]) await me.ok(AddToCart, { productId: p.id });
    expect(
      (await me.ok(UpdateCartItem, { productId: a.id, quantity: 5 })).updateCartItem,
    ).toMatchObject({
      totalQuantity: 7,
      totalPrice: 1000,
    });
    const removed = (await me.ok(UpdateCartItem, { productId: b.id, quantity: 0 })).updateCartItem;
    expect(removed.items.map((i) => i.product.id)).toEqual([a.id, c.id]);
    const gone = (await me.ok(RemoveFromCart, { productId: c.id })).removeFromCart;
    expect(gone.items.map((i) => i.product.id)).toEqual([a.id]);
    // Removing what is not there is a no-op; updating it is NOT_FOUND.
    expect((await me.ok(RemoveFromCart, { productId: c.id })).removeFromCart.items).toHaveLength(1);
    const missing = await me.fail(UpdateCartItem, { productId: c.id, quantity: 2 });
    expect(missing.extensions?.code).toBe('NOT_FOUND');
    expect((await me.ok(ClearCart)).clearCart).toEqual({
      items: [],
      totalQuantity: 0,
      totalPrice: 0,
    });
  });

  it('an unknown product is NOT_FOUND; carts are private', async () => {
    const me = await shopper();
    const other = await shopper();
    for (const productId of ['999999', 'x']) {
      const error = await me.fail(AddToCart, { productId });
      expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    const product = await createProduct(t.app, category);
    await other.ok(AddToCart, { productId: product.id, quantity: 2 });
    expect((await me.ok(CartQuery)).cart.items).toEqual([]);
    // Changing "my" line of that product does not touch the other user's line.
    expect(
      (await me.fail(UpdateCartItem, { productId: product.id, quantity: 1 })).extensions?.code,
    ).toBe('NOT_FOUND');
    await me.ok(RemoveFromCart, { productId: product.id });
    await me.ok(ClearCart);
    expect((await other.ok(CartQuery)).cart.items[0]!.quantity).toBe(2);
    const anonymous = await t.client.fail(CartQuery);
    expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('favorites', () => {
  it('20 concurrent adds by one user count once; 20 concurrent removes uncount once', async () => {
    const me = await shopper();
    const friend = await shopper();
    const product = await createProduct(t.app, category);
    await friend.ok(AddFavorite, { productId: product.id });
    const adds = await Promise.all(
      Array.from({ length: 20 }, () => me.ok(AddFavorite, { productId: product.id })),
    );
    expect(adds.every((r) => r.addFavorite.viewerFavorited)).toBe(true);
    expect((await productRow(t.app, product.id)).favorite_count).toBe(2);
    const { product: seen } = await me.ok(ProductById, { id: product.id });
    expect(seen).toMatchObject({ favoriteCount: 2, viewerFavorited: true });

    const removes = await Promise.all(
      Array.from({ length: 20 }, () => me.ok(RemoveFavorite, { productId: product.id })),
    );
    expect(removes.every((r) => !r.removeFavorite.viewerFavorited)).toBe(true);
    expect((await productRow(t.app, product.id)).favorite_count).toBe(1);
    // Removing again changes nothing.
    expect(
      (await me.ok(RemoveFavorite, { productId: product.id })).removeFavorite.favoriteCount,
    ).toBe(1);
  });

  it('myFavorites lists the viewer’s own, newest first; unknown products are NOT_FOUND', async () => {
    const me = await shopper();
    const first = await createProduct(t.app, category, { name: '收藏一' });
    const second = await createProduct(t.app, category, { name: '收藏二' });
    await me.ok(AddFavorite, { productId: first.id });
    await me.ok(AddFavorite, { productId: second.id });
    const { myFavorites } = await me.ok(MyFavorites);
    expect(myFavorites).toEqual([
      { id: second.id, name: '收藏二', viewerFavorited: true },
      { id: first.id, name: '收藏一', viewerFavorited: true },
    ]);
    expect((await (await shopper()).ok(MyFavorites)).myFavorites).toEqual([]);
    expect((await me.fail(AddFavorite, { productId: '999999' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await me.fail(RemoveFavorite, { productId: 'nope' })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await t.client.fail(AddFavorite, { productId: first.id })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
