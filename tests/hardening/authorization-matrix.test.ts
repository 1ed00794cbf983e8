import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { Role } from '../../src/modules/accounts/index.js';
import { Todo } from '../../src/modules/todos/index.js';
import { User } from '../../src/modules/accounts/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { GqlError, TestClient } from '../helpers/client.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { createAddress, createCategoryBranch, createProduct } from '../factories/shop.js';
import { signedInUser, uniqueName } from '../factories/users.js';

/**
 * Who may call each root field. `owned`: signed in, and only the owner
 * reaches the resource; everyone else (admins included) gets one of
 * `denied` (default NOT_FOUND) and the owner's data stays as it was.
 * `mine`: a list of the viewer's own things; the owner sees the fixture,
 * others never do.
 */
type Access = 'public' | 'user' | 'admin' | 'owned' | 'mine';
type Caller = 'anonymous' | 'owner' | 'other' | 'admin';

interface Fixture {
  ownerId: string;
  termId: string;
  periodId: string;
  typeId: string;
  courseId: string;
  categoryId: string;
  productId: string;
  cartProductId: string;
  todoId: string;
  addressId: string;
  orderId: string;
  enrollmentId: string;
  ownerClient: TestClient;
}

interface Op {
  query: string;
  variables?: Record<string, unknown>;
}

interface Row {
  access: Access;
  op: (f: Fixture, caller: Caller) => Op;
  /** For `owned`: the codes a non-owner may get. */
  denied?: string[];
  /** For `mine`: whether the fixture appears in the answer. */
  sees?: (data: Record<string, unknown>, f: Fixture) => boolean;
}

const stringify = (v: unknown) => JSON.stringify(v);
const has = (id: string) => (data: Record<string, unknown>) => stringify(data).includes(`"${id}"`);
const addressInput = `{ province: "北京市", city: "北京市", district: "海淀区", detail: "中关村 1 号", recipientName: "王五", recipientPhone: "13600000000" }`;

const MATRIX: Record<string, Row> = {
  // ---------------------------------------------------------------- queries
  'Query.serverTime': { access: 'public', op: () => ({ query: '{ serverTime }' }) },
  'Query.me': { access: 'public', op: () => ({ query: '{ me { id } }' }) },
  'Query.terms': { access: 'public', op: () => ({ query: '{ terms { id } }' }) },
  'Query.courseTypes': { access: 'public', op: () => ({ query: '{ courseTypes { id } }' }) },
  'Query.courses': {
    access: 'public',
    op: () => ({ query: '{ courses(first: 1) { totalCount } }' }),
  },
  'Query.course': {
    access: 'public',
    op: (f) => ({ query: `{ course(id: "${f.courseId}") { id } }` }),
  },
  'Query.categories': { access: 'public', op: () => ({ query: '{ categories { id } }' }) },
  'Query.products': {
    access: 'public',
    op: () => ({ query: '{ products(first: 1) { totalCount } }' }),
  },
  'Query.product': {
    access: 'public',
    op: (f) => ({ query: `{ product(id: "${f.productId}") { id } }` }),
  },
  'Query.wechatQrLoginStatus': {
    access: 'public',
    op: () => ({ query: '{ wechatQrLoginStatus(state: "no-such-state") { status } }' }),
  },
  'Query.enrollments': { access: 'admin', op: () => ({ query: '{ enrollments { totalCount } }' }) },
  'Query.todos': {
    access: 'mine',
    op: () => ({ query: '{ todos { id } }' }),
    sees: (d, f) => has(f.todoId)(d),
  },
  'Query.cart': {
    access: 'mine',
    op: () => ({ query: '{ cart { items { product { id } } } }' }),
    sees: (d, f) => has(f.cartProductId)(d),
  },
  'Query.myFavorites': {
    access: 'mine',
    op: () => ({ query: '{ myFavorites { id } }' }),
    sees: (d, f) => has(f.productId)(d),
  },
  'Query.myAddresses': {
    access: 'mine',
    op: () => ({ query: '{ myAddresses { id } }' }),
    sees: (d, f) => has(f.addressId)(d),
  },
  'Query.myOrders': {
    access: 'mine',
    op: () => ({ query: '{ myOrders { edges { node { id } } } }' }),
    sees: (d, f) => has(f.orderId)(d),
  },
  'Query.myEnrollments': {
    access: 'mine',
    op: () => ({ query: '{ myEnrollments { id } }' }),
    sees: (d, f) => has(f.enrollmentId)(d),
  },
  'Query.order': {
    access: 'owned',
    op: (f) => ({ query: `{ order(id: "${f.orderId}") { id } }` }),
  },
  // ---------------------------------------------------------------- accounts
  'Mutation.register': {
    access: 'public',
    op: () => ({
      query: `mutation { register(input: { username: "${uniqueName('reg')}", password: "long enough password" }) { accessToken } }`,
    }),
  },
  'Mutation.login': {
    access: 'public',
    op: () => ({
      query:
        'mutation { login(username: "nobody-here", password: "wrong password") { accessToken } }',
    }),
  },
  'Mutation.refreshToken': {
    access: 'public',
    op: () => ({ query: 'mutation { refreshToken(refreshToken: "not-a-token") { accessToken } }' }),
  },
  'Mutation.logout': { access: 'user', op: () => ({ query: 'mutation { logout }' }) },
  'Mutation.updateProfile': {
    access: 'user',
    op: () => ({ query: 'mutation { updateProfile(input: { nickname: "新昵称" }) { id } }' }),
  },
  'Mutation.requestEmailCode': {
    access: 'user',
    op: () => ({ query: `mutation { requestEmailCode(email: "${uniqueName('m')}@example.com") }` }),
  },
  'Mutation.changePassword': {
    access: 'user',
    op: () => ({
      query:
        'mutation { changePassword(input: { code: "000000", newPassword: "another long password" }) }',
    }),
  },
  'Mutation.createUser': {
    access: 'admin',
    op: () => ({
      query: `mutation { createUser(input: { username: "${uniqueName('cu')}", password: "long enough password" }) { id } }`,
    }),
  },
  'Mutation.importUsers': {
    access: 'admin',
    op: () => ({
      query: `mutation { importUsers(csv: "username,password,realName,email,termIndex\\n${uniqueName('iu')},long enough password,,,") { created } }`,
    }),
  },
  'Mutation.resetPassword': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { resetPassword(userId: "${f.ownerId}", newPassword: "reset long password") }`,
    }),
  },
  // ---------------------------------------------------------------- wechat
  'Mutation.wechatMiniProgramLogin': {
    access: 'public',
    op: () => ({ query: 'mutation { wechatMiniProgramLogin(code: "some-code") { accessToken } }' }),
  },
  'Mutation.startWechatQrLogin': {
    access: 'public',
    op: () => ({ query: 'mutation { startWechatQrLogin { state } }' }),
  },
  // ---------------------------------------------------------------- todos
  'Mutation.addTodo': {
    access: 'user',
    op: () => ({ query: 'mutation { addTodo(title: "新任务") { id } }' }),
  },
  'Mutation.clearCompletedTodos': {
    access: 'user',
    op: () => ({ query: 'mutation { clearCompletedTodos }' }),
  },
  'Mutation.replaceTodos': {
    access: 'user',
    op: () => ({ query: 'mutation { replaceTodos(items: [{ title: "只有这一个" }]) { id } }' }),
  },
  'Mutation.updateTodo': {
    access: 'owned',
    op: (f) => ({
      query: `mutation { updateTodo(id: "${f.todoId}", input: { title: "改" }) { id } }`,
    }),
  },
  'Mutation.deleteTodo': {
    access: 'owned',
    op: (f) => ({ query: `mutation { deleteTodo(id: "${f.todoId}") }` }),
  },
  'Mutation.reorderTodos': {
    access: 'owned',
    op: (f) => ({ query: `mutation { reorderTodos(ids: ["${f.todoId}"]) { id } }` }),
    denied: ['BAD_USER_INPUT', 'NOT_FOUND'],
  },
  // ---------------------------------------------------------------- courses
  'Mutation.enroll': {
    access: 'user',
    op: (f) => ({ query: `mutation { enroll(courseId: "${f.courseId}") { id } }` }),
  },
  'Mutation.dropCourse': {
    access: 'owned',
    op: (f) => ({ query: `mutation { dropCourse(courseId: "${f.courseId}") { remaining } }` }),
    denied: ['NOT_ENROLLED', 'NOT_IN_TERM'],
  },
  'Mutation.createCourseType': {
    access: 'admin',
    op: () => ({
      query: `mutation { createCourseType(input: { name: "${uniqueName('t')}" }) { id } }`,
    }),
  },
  'Mutation.createTerm': {
    access: 'admin',
    op: () => ({
      query: `mutation { createTerm(input: { index: ${5000 + Math.floor(Math.random() * 4000)}, startsOn: "2027-02-20", endsOn: "2027-07-01", selectionStartsAt: "2027-02-01T00:00:00Z", selectionEndsAt: "2027-02-10T00:00:00Z" }) { id } }`,
    }),
  },
  'Mutation.createPeriod': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { createPeriod(input: { termId: "${f.termId}", index: ${2 + Math.floor(Math.random() * 900)}, startsOn: "2026-09-01", endsOn: "2026-10-01" }) { id } }`,
    }),
  },
  'Mutation.createCourse': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { createCourse(input: { title: "新课", teacher: "李老师", location: "A101", capacity: 10, weekday: 5, startTime: "08:00", endTime: "09:40", typeId: "${f.typeId}", periodId: "${f.periodId}" }) { id } }`,
    }),
  },
  'Mutation.updateCourse': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { updateCourse(id: "${f.courseId}", input: { location: "B202" }) { id } }`,
    }),
  },
  // ---------------------------------------------------------------- shop
  'Mutation.addToCart': {
    access: 'user',
    op: (f) => ({ query: `mutation { addToCart(productId: "${f.productId}") { totalQuantity } }` }),
  },
  'Mutation.updateCartItem': {
    access: 'owned',
    op: (f) => ({
      query: `mutation { updateCartItem(productId: "${f.cartProductId}", quantity: 3) { totalQuantity } }`,
    }),
  },
  'Mutation.removeFromCart': {
    access: 'user',
    op: (f) => ({
      query: `mutation { removeFromCart(productId: "${f.cartProductId}") { totalQuantity } }`,
    }),
  },
  'Mutation.clearCart': {
    access: 'user',
    op: () => ({ query: 'mutation { clearCart { totalQuantity } }' }),
  },
  'Mutation.addFavorite': {
    access: 'user',
    op: (f) => ({ query: `mutation { addFavorite(productId: "${f.productId}") { id } }` }),
  },
  'Mutation.removeFavorite': {
    access: 'user',
    op: (f) => ({ query: `mutation { removeFavorite(productId: "${f.productId}") { id } }` }),
  },
  'Mutation.createAddress': {
    access: 'user',
    op: () => ({ query: `mutation { createAddress(input: ${addressInput}) { id } }` }),
  },
  'Mutation.updateAddress': {
    access: 'owned',
    op: (f) => ({
      query: `mutation { updateAddress(id: "${f.addressId}", input: ${addressInput}) { id } }`,
    }),
  },
  'Mutation.deleteAddress': {
    access: 'owned',
    op: (f) => ({ query: `mutation { deleteAddress(id: "${f.addressId}") }` }),
  },
  'Mutation.checkout': {
    access: 'owned',
    op: (f) => ({ query: `mutation { checkout(input: { addressId: "${f.addressId}" }) { id } }` }),
    // A non-owner's own cart is empty: CART_EMPTY would also keep the owner's data safe,
    // but the address is checked first.
    denied: ['NOT_FOUND'],
  },
  'Mutation.cancelOrder': {
    access: 'owned',
    op: (f) => ({ query: `mutation { cancelOrder(id: "${f.orderId}") { id } }` }),
  },
  'Mutation.payOrder': {
    access: 'owned',
    op: (f) => ({ query: `mutation { payOrder(id: "${f.orderId}") { payUrl } }` }),
  },
  'Mutation.createCategory': {
    access: 'admin',
    op: () => ({
      query: `mutation { createCategory(input: { name: "新类", code: "${uniqueName('c').replace(/[^\w-]/g, '')}" }) { id } }`,
    }),
  },
  'Mutation.createProduct': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { createProduct(input: { sn: "${uniqueName('SN')}", name: "新品", price: 100, marketPrice: 120, stock: 5, categoryId: "${f.categoryId}" }) { id } }`,
    }),
  },
  'Mutation.updateProduct': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { updateProduct(id: "${f.productId}", input: { isHot: true }) { id } }`,
    }),
  },
  'Mutation.adjustProductStock': {
    access: 'admin',
    op: (f) => ({
      query: `mutation { adjustProductStock(id: "${f.productId}", delta: 1) { stock } }`,
    }),
  },
  // ---------------------------------------------------------------- subscriptions (over graphql-ws)
  'Subscription.courseStockChanged': {
    access: 'public',
    op: (f) => ({
      query: `subscription { courseStockChanged(courseIds: ["${f.courseId}"]) { remaining } }`,
    }),
  },
  'Subscription.todosChanged': {
    access: 'user',
    op: () => ({ query: 'subscription { todosChanged { id } }' }),
  },
  'Subscription.wechatLoginCompleted': {
    access: 'public',
    op: () => ({
      query: 'subscription { wechatLoginCompleted(state: "no-such-state") { accessToken } }',
    }),
  },
};

let t: TestApp;
beforeAll(async () => {
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app = rsa();
  const platform = rsa();
  t = await startTestApp({
    env: {
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_APP_PRIVATE_KEY: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ALIPAY_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
});
afterAll(() => t?.close());

async function fixture(): Promise<Fixture> {
  const { term, period, type } = await createSelectionScene(t.app);
  const course = await createCourse(t.app, period, { type });
  const owner = await createStudent(t.app, term);
  const ownerClient = t.client.as(owner.token);
  const { leaf } = await createCategoryBranch(t.app);
  const product = await createProduct(t.app, leaf, { stock: 50 });
  const cartProduct = await createProduct(t.app, leaf, { stock: 50 });
  const address = await createAddress(t.app, owner.user, true);
  const em = t.app.orm.em.fork();
  const todo = em.create(Todo, {
    owner: em.getReference(User, owner.user.id),
    title: `todo ${randomBytes(2).toString('hex')}`,
    done: false,
    position: 0,
  });
  await em.flush();
  const run = async (query: string) => {
    const result = await ownerClient.request(query);
    if (result.errors) throw new Error(stringify(result.errors));
    return result.data as Record<string, Record<string, string>>;
  };
  await run(`mutation { addToCart(productId: "${product.id}") { totalQuantity } }`);
  const order = await run(`mutation { checkout(input: { addressId: "${address.id}" }) { id } }`);
  await run(
    `mutation { addToCart(productId: "${cartProduct.id}", quantity: 2) { totalQuantity } }`,
  );
  await run(`mutation { addFavorite(productId: "${product.id}") { id } }`);
  const enrollment = await run(`mutation { enroll(courseId: "${course.id}") { id } }`);
  return {
    ownerId: owner.user.id,
    termId: term.id,
    periodId: period.id,
    typeId: type.id,
    courseId: course.id,
    categoryId: leaf.id,
    productId: product.id,
    cartProductId: cartProduct.id,
    todoId: todo.id,
    addressId: address.id,
    orderId: order.checkout!.id!,
    enrollmentId: enrollment.enroll!.id!,
    ownerClient,
  };
}

/** What the owner has, read straight from the database (and the owner's session still works). */
async function ownerState(f: Fixture) {
  const em = t.app.orm.em.fork();
  const one = async (sql: string, params: unknown[]) => stringify(await em.execute(sql, params));
  const me = await f.ownerClient.request('{ me { id } }');
  return [
    await one('select id, title from todo where id = ?', [f.todoId]),
    await one('select quantity from cart_item where user_id = ? and product_id = ?', [
      f.ownerId,
      f.cartProductId,
    ]),
    await one('select id, detail, is_default from address where id = ?', [f.addressId]),
    await one('select status from shop_order where id = ?', [f.orderId]),
    await one('select id from enrollment where id = ?', [f.enrollmentId]),
    await one('select id from favorite where user_id = ? and product_id = ?', [
      f.ownerId,
      f.productId,
    ]),
    stringify(me.data),
  ];
}

interface Outcome {
  data: Record<string, unknown> | null;
  errors: readonly GqlError[];
}

async function call(client: TestClient, field: string, op: Op): Promise<Outcome> {
  if (!field.startsWith('Subscription.')) {
    const result = await client.request(op.query, op.variables);
    return { data: (result.data ?? null) as Outcome['data'], errors: result.errors ?? [] };
  }
  // A subscription either fails at once or starts (no error within a short wait).
  const ws = client.ws();
  try {
    return await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve({ data: {}, errors: [] }), 300);
      ws.subscribe(
        { query: op.query, variables: op.variables },
        {
          next: (value) => {
            if (value.errors?.length) {
              clearTimeout(timer);
              resolve({ data: null, errors: value.errors as GqlError[] });
            }
          },
          error: (err) => {
            clearTimeout(timer);
            resolve({
              data: null,
              errors: Array.isArray(err) ? (err as GqlError[]) : [{ message: String(err) }],
            });
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await ws.dispose();
  }
}

const codes = (o: Outcome) => o.errors.map((e) => e.extensions?.code ?? 'NO_CODE');
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

describe('authorization matrix', () => {
  it('covers every root field of the schema, and nothing else', () => {
    // The emitted schema holds every contract field (the schema test proves it).
    const schema = parse(readFileSync('schema/schema.graphql', 'utf8'));
    const fields: string[] = [];
    for (const def of schema.definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      if (!['Query', 'Mutation', 'Subscription'].includes(def.name.value)) continue;
      for (const field of def.fields ?? []) fields.push(`${def.name.value}.${field.name.value}`);
    }
    expect(Object.keys(MATRIX).sort()).toEqual(fields.sort());
  });

  it.each(Object.entries(MATRIX))('%s', async (field, row) => {
    const f = await fixture();
    const other = t.client.as((await signedInUser(t.app)).token);
    const admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
    const before = await ownerState(f);
    const as = async (caller: Caller, client: TestClient) => ({
      caller,
      outcome: await call(client, field, row.op(f, caller)),
    });

    const anonymous = await as('anonymous', t.client);
    const asOthers = async () => [await as('other', other), await as('admin', admin)];

    switch (row.access) {
      case 'public': {
        const others = await asOthers();
        const owner = await as('owner', f.ownerClient);
        const outcomes = [anonymous, ...others, owner];
        // Nobody is refused for who they are; every caller gets the same kind of answer.
        for (const { caller, outcome } of outcomes)
          expect([caller, codes(outcome).filter((c) => c === 'FORBIDDEN')]).toEqual([caller, []]);
        const kinds = new Set(outcomes.map(({ outcome }) => codes(outcome)[0] ?? 'ok'));
        expect(kinds.size, stringify(outcomes)).toBe(1);
        return;
      }
      case 'admin': {
        expect(codes(anonymous.outcome)).toEqual(['UNAUTHENTICATED']);
        const owner = await as('owner', f.ownerClient);
        expect(codes(owner.outcome)).toEqual(['FORBIDDEN']);
        const [asOther, asAdmin] = await asOthers();
        expect(codes(asOther!.outcome)).toEqual(['FORBIDDEN']);
        expect(codes(asAdmin!.outcome).filter((c) => AUTH_CODES.includes(c))).toEqual([]);
        return;
      }
      case 'user': {
        expect(codes(anonymous.outcome)).toEqual(['UNAUTHENTICATED']);
        for (const { caller, outcome } of await asOthers())
          expect([caller, codes(outcome).filter((c) => AUTH_CODES.includes(c))]).toEqual([
            caller,
            [],
          ]);
        // Whatever others did to their own things, the owner's are untouched.
        expect(await ownerState(f)).toEqual(before);
        const owner = await as('owner', f.ownerClient);
        expect(codes(owner.outcome).filter((c) => AUTH_CODES.includes(c))).toEqual([]);
        return;
      }
      case 'mine': {
        expect(codes(anonymous.outcome)).toEqual(['UNAUTHENTICATED']);
        for (const { caller, outcome } of await asOthers()) {
          expect([caller, codes(outcome)]).toEqual([caller, []]);
          expect([caller, row.sees!(outcome.data!, f)]).toEqual([caller, false]);
        }
        const owner = await as('owner', f.ownerClient);
        expect(codes(owner.outcome)).toEqual([]);
        expect(row.sees!(owner.outcome.data!, f)).toBe(true);
        return;
      }
      case 'owned': {
        expect(codes(anonymous.outcome)).toEqual(['UNAUTHENTICATED']);
        const denied = row.denied ?? ['NOT_FOUND'];
        for (const { caller, outcome } of await asOthers()) {
          expect(outcome.data?.[field.split('.')[1]!] ?? null, caller).toBeNull();
          expect(denied, `${caller}: ${stringify(outcome.errors)}`).toContain(codes(outcome)[0]);
        }
        expect(await ownerState(f)).toEqual(before);
        const owner = await as('owner', f.ownerClient);
        expect(codes(owner.outcome), stringify(owner.outcome.errors)).toEqual([]);
        return;
      }
    }
  });
});
