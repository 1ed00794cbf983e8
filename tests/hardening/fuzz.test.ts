import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import { Todo } from '../../src/modules/todos/index.js';
import { User } from '../../src/modules/accounts/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { TestClient } from '../helpers/client.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { createAddress, createCategoryBranch, createProduct } from '../factories/shop.js';
import { signedInUser } from '../factories/users.js';

/**
 * Property-based fuzzing of every mutation with arguments: random and hostile
 * values for each argument type (huge and unicode strings, SQL and script
 * fragments, extreme numbers, wrong and malformed ids). Whatever comes in,
 * the answer is never INTERNAL_SERVER_ERROR or a 5xx, the server keeps
 * answering, and a refused mutation leaves the database exactly as it was.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; drop table app_user; --",
    '" or 1=1 --',
    '%_\\',
    '<script>alert(1)</script>',
    '${7*7}{{7*7}}',
    '../../etc/passwd',
    '\u202e\u200b\ufeff',
    '😀'.repeat(40),
    '测试'.repeat(300),
    'x'.repeat(20_000),
    '1e309',
    'NaN',
    'null',
  ),
);
const hostileInts = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(0, -1, 1, 99, 100, 101, 2_147_483_647, -2_147_483_648),
);

let idPool: string[] = [];
const hostileIds = () =>
  fc.oneof(
    fc.constantFrom(...idPool),
    fc.constantFrom(
      '0',
      '-1',
      '1.5',
      '9223372036854775808',
      '99999999999999999999',
      ' 1',
      'abc',
      "1' or '1'='1",
    ),
    fc.string({ maxLength: 30 }),
  );

/** A value of the given input type (non-null types are never null). */
function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  const nullable = (arb: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: arb });
  if (isListType(type))
    return nullable(
      fc.oneof(
        fc.array(valueOf(type.ofType, depth + 1), { maxLength: 8 }),
        fc.array(valueOf(type.ofType, depth + 1), { minLength: 150, maxLength: 300 }),
      ),
    );
  if (isEnumType(type))
    return nullable(fc.constantFrom(...type.getValues().map((v) => v.value as unknown)));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return nullable(
      fc.record(
        Object.fromEntries(
          fields.map((f) => [
            f.name,
            isNonNullType(f.type)
              ? valueOf(f.type, depth + 1)
              : fc.option(valueOf(f.type, depth + 1), { nil: undefined }),
          ]),
        ),
      ),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return nullable(hostileInts);
      case 'Boolean':
        return nullable(fc.boolean());
      case 'ID':
        return nullable(hostileIds());
      case 'DateTimeISO':
        return nullable(
          fc.oneof(
            fc
              .date({
                min: new Date('1900-01-01'),
                max: new Date('2200-01-01'),
                noInvalidDate: true,
              })
              .map((d) => d.toISOString()),
            hostileStrings,
          ),
        );
      case 'LocalDate':
        return nullable(
          fc.oneof(
            fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-09-01'),
            hostileStrings,
          ),
        );
      default:
        return nullable(hostileStrings);
    }
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

/** `mutation($a: T!) { field(a: $a) { __typename } }` for a field. */
function operationFor(field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Fuzz(${vars}) { ${field.name}(${args})${selection} }`;
}

const ADMIN_ONLY = new Set([
  'createUser',
  'importUsers',
  'resetPassword',
  'createCourseType',
  'createTerm',
  'createPeriod',
  'createCourse',
  'updateCourse',
  'createCategory',
  'createProduct',
  'updateProduct',
  'adjustProductStock',
]);

let t: TestApp;
let user: TestClient;
let admin: TestClient;

/** A fingerprint of every table's contents (sessions excluded: they record use, not data). */
async function fingerprint(): Promise<string> {
  const em = t.app.orm.em.fork();
  const tables = await em.execute<{ tablename: string }[]>(
    `select tablename from pg_tables where schemaname = 'public'
     and tablename not in ('mikro_orm_migrations', 'session', 'retired_refresh_token') order by tablename`,
  );
  const parts = await Promise.all(
    tables.map(async ({ tablename }) => {
      const [row] = await em.execute<{ digest: string | null }[]>(
        `select md5(string_agg(t::text, '|' order by t::text)) as digest from "${tablename}" t`,
      );
      return `${tablename}:${row?.digest ?? '-'}`;
    }),
  );
  return parts.join(',');
}

beforeAll(async () => {
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [appKeys, alipayKeys] = [rsa(), rsa()];
  t = await startTestApp({
    env: {
      RATE_LIMIT_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_USER_PER_MINUTE: '10000000',
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_APP_PRIVATE_KEY: appKeys.privateKey
        .export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      ALIPAY_PUBLIC_KEY: alipayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
  });
  const { term, period, type } = await createSelectionScene(t.app);
  const course = await createCourse(t.app, period, { type });
  const owner = await createStudent(t.app, term);
  user = t.client.as(owner.token);
  admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
  const { leaf } = await createCategoryBranch(t.app);
  const product = await createProduct(t.app, leaf, { stock: 1_000 });
  const address = await createAddress(t.app, owner.user, true);
  const em = t.app.orm.em.fork();
  const todo = em.create(Todo, {
    owner: em.getReference(User, owner.user.id),
    title: 'fuzz',
    done: false,
    position: 0,
  });
  await em.flush();
  await user.ok(
    `mutation { addToCart(productId: "${product.id}", quantity: 2) { totalQuantity } }`,
  );
  const order = await user.ok<{ checkout: { id: string } }>(
    `mutation { checkout(input: { addressId: "${address.id}" }) { id } }`,
  );
  await user.ok(`mutation { addToCart(productId: "${product.id}") { totalQuantity } }`);
  idPool = [
    term.id,
    period.id,
    type.id,
    course.id,
    leaf.id,
    product.id,
    address.id,
    todo.id,
    order.checkout.id,
  ];
}, 60_000);
afterAll(() => t?.close());

const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
  (f) => f.args.length > 0,
);

describe('fuzzing every mutation', () => {
  it('covers every mutation: those left out take no arguments to fuzz', () => {
    const all = Object.values(schema.getMutationType()!.getFields());
    expect(
      all
        .filter((f) => !mutations.includes(f))
        .map((f) => f.name)
        .sort(),
    ).toEqual(['clearCart', 'clearCompletedTodos', 'logout', 'startWechatQrLogin']);
  });

  it.each(mutations.map((f) => [f.name, f] as const))('%s', async (name, field) => {
    const query = operationFor(field);
    const client = ADMIN_ONLY.has(name) ? admin : user;
    const variables = fc.record(
      Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type)])),
    );
    await fc.assert(
      fc.asyncProperty(variables, async (vars) => {
        const before = await fingerprint();
        const result = await client.request(query, vars);
        expect(result.status, JSON.stringify(result.errors)).toBeLessThan(500);
        for (const error of result.errors ?? []) {
          expect(error.extensions?.code, error.message).toBeDefined();
          expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
        }
        if (result.errors?.length) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // Still answering.
    expect(await t.client.ok('{ __typename }')).toEqual({ __typename: 'Query' });
  });
});
