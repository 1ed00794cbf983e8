import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, locateSharedRefusal } from '../../src/errors/index.js';

const FULL = Object.freeze(new AppError(ErrorCode.COURSE_FULL, 'No seat left in this course'));
const schema = buildSchema(
  'type Query { items: [Item] } type Item { full: Int } type Mutation { enroll(id: ID!): Int }',
);

function run(document: ReturnType<typeof parse>, shared: boolean) {
  const refuse = (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    throw shared ? locateSharedRefusal(FULL, info) : FULL;
  };
  return execute({
    schema,
    document,
    rootValue: { enroll: refuse, items: [{ full: refuse }, { full: refuse }] },
    fieldResolver: (source, args, ctx, info) => {
      const value = (source as Record<string, unknown>)[info.fieldName];
      return typeof value === 'function' ? (value as typeof refuse)(args, ctx, info) : value;
    },
  }) as { errors: readonly Error[] };
}

describe('locateSharedRefusal', () => {
  it('locates a shared refusal exactly as graphql-js would, and builds it once per field and path', () => {
    const document = parse(`mutation {\n  first: enroll(id: 1)\n  second: enroll(id: 2)\n}`);
    const plain = run(document, false);
    const shared = run(document, true);
    expect(JSON.parse(JSON.stringify(shared.errors))).toEqual(
      JSON.parse(JSON.stringify(plain.errors)),
    );
    expect(shared.errors.map((e) => (e as unknown as { path: unknown }).path)).toEqual([
      ['first'],
      ['second'],
    ]);
    expect(shared.errors[0]).toMatchObject({
      locations: [{ line: 2, column: 3 }],
      extensions: { code: 'COURSE_FULL' },
    });
    // The same parsed document again: the very same error objects.
    const again = run(document, true);
    expect(again.errors[0]).toBe(shared.errors[0]);
    expect(again.errors[1]).toBe(shared.errors[1]);
    // Another parse of the same text: built afresh (the cache follows the parsed nodes).
    expect(
      run(parse(`mutation {\n  first: enroll(id: 1)\n  second: enroll(id: 2)\n}`), true).errors[0],
    ).not.toBe(shared.errors[0]);
  });

  it('keeps list indices apart and leaves other errors alone', () => {
    const document = parse('{ items { full } }');
    const plain = run(document, false);
    const shared = run(document, true);
    expect(JSON.parse(JSON.stringify(shared.errors))).toEqual(
      JSON.parse(JSON.stringify(plain.errors)),
    );
    expect(shared.errors.map((e) => (e as unknown as { path: unknown }).path)).toEqual([
      ['items', 0, 'full'],
      ['items', 1, 'full'],
    ]);
    const info = {
      fieldNodes: [],
      path: { key: 'a', prev: undefined },
    } as unknown as GraphQLResolveInfo;
    const other = new AppError(ErrorCode.COURSE_FULL, 'not frozen');
    expect(locateSharedRefusal(other, info)).toBe(other);
    const plainError = new Error('boom');
    expect(locateSharedRefusal(plainError, info)).toBe(plainError);
  });
});
