import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client } from 'graphql-ws';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { GqlError } from '../helpers/client.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: {
      WS_CONNECTION_INIT_TIMEOUT: '300ms',
      WS_MAX_CONNECTIONS_PER_IP: '4',
      WS_MAX_MESSAGE_BYTES: '8192',
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
    },
  });
});
afterAll(() => t?.close());

/** `categories { children { children … { id } } }` with `levels` fields in the deepest path. */
const nested = (levels: number) =>
  `{ categories ${'{ children '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;

async function refused(query: string, variables?: Record<string, unknown>) {
  const result = await t.client.request(query, variables);
  expect(result.data ?? null).toBeNull();
  expect(result.status).toBe(400);
  expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  return result.errors![0]!;
}

/** `mutation { reorderTodos(ids: [1 1 …]) { id } }`: many tokens in few bytes. */
const tokens = (ids: number) => `mutation { reorderTodos(ids: [${'1 '.repeat(ids)}]) { id } }`;

/** The errors a graphql-ws operation ends with (or [] when it succeeds). */
function wsErrors(client: Client, query: string): Promise<readonly GqlError[]> {
  return new Promise((resolve) => {
    client.subscribe(
      { query },
      {
        next: (value) => {
          if (value.errors) resolve(value.errors as GqlError[]);
        },
        error: (err) =>
          resolve(Array.isArray(err) ? (err as GqlError[]) : [{ message: String(err) }]),
        complete: () => resolve([]),
      },
    );
  });
}

describe('query limits over HTTP (refused before execution with 400)', () => {
  it('depth: 10 levels pass, 11 are refused', async () => {
    expect((await t.client.request(nested(10))).errors).toBeUndefined();
    const error = await refused(nested(11));
    expect(error.extensions).toMatchObject({ limit: 'depth', max: 10, actual: 11 });
    // Depth through fragments counts too.
    const viaFragment = `query { categories { ...A } } fragment A on Category { children ${'{ children '.repeat(8)}{ id }${' }'.repeat(8)} }`;
    expect((await refused(viaFragment)).extensions).toMatchObject({ limit: 'depth' });
  });

  it('aliases: 30 pass, 31 are refused, fragments count every time they are spread', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect((await t.client.request(aliases(30))).errors).toBeUndefined();
    expect((await refused(aliases(31))).extensions).toMatchObject({ limit: 'aliases' });
    const spread = `{ ...F ...F ... on Query { ...F ...F } } fragment F on Query { ${Array.from({ length: 8 }, (_, i) => `f${i}: __typename`).join(' ')} }`;
    expect((await refused(spread)).extensions).toMatchObject({ limit: 'aliases', actual: 32 });
  });

  it('directives: 50 pass, 51 are refused', async () => {
    const directives = (n: number) => `{ ${'__typename @include(if: true) '.repeat(n)}}`;
    expect((await t.client.request(directives(50))).errors).toBeUndefined();
    expect((await refused(directives(51))).extensions).toMatchObject({ limit: 'directives' });
  });

  it('tokens: more than 2,000 in a document are refused without parsing further', async () => {
    // With the 13 tokens around the list, 1,987 ids make 2,000 tokens.
    const pass = await t.client.request(tokens(1987));
    expect(pass.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // parsed and run
    expect((await refused(tokens(1988))).extensions).toMatchObject({ limit: 'tokens' });
  });

  it('complexity: a connection costs first × its selection; the budget is 10,000', async () => {
    const page = (first: string) =>
      `products(first: ${first}) { totalCount edges { cursor node { id name price stock category { id name } } } }`;
    // 10 × (1 + 100 × 10) ≈ 10,010
    const tooMuch = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page('100')}`).join(' ')} }`;
    const error = await refused(tooMuch);
    expect(error.extensions).toMatchObject({ limit: 'complexity', max: 10_000 });
    expect(Number(error.extensions!.actual)).toBeGreaterThan(10_000);
    // The same with small pages is fine, and variables are taken into account.
    const small = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page('5')}`).join(' ')} }`;
    expect((await t.client.request(small)).errors).toBeUndefined();
    const withVariables = `query($n: Int) { ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page('$n')}`).join(' ')} }`;
    await refused(withVariables, { n: 100 });
    expect((await t.client.request(withVariables, { n: 5 })).errors).toBeUndefined();
    // Past 100, `first` itself is the error (BAD_USER_INPUT), not the cost.
    const big = await t.client.request(`{ ${page('1000')} }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('fields declare their own cost (type-graphql complexity), counted on top of their selection', async () => {
    const { parse } = await import('graphql');
    const { buildAppSchema } = await import('../../src/app/build-schema.js');
    const { QueryGuard } = await import('../../src/app/query-limits.js');
    const schema = await buildAppSchema();
    const guard = new QueryGuard({ ...t.config.limits, maxComplexity: 400 });
    const cost = (query: string) => {
      const error = guard.check(schema, parse(query), undefined, {});
      return error ? Number(error.extensions.actual) : 'ok';
    };
    expect(cost('mutation { importUsers(csv: "") { created skipped } }')).toBe(502);
    expect(cost('mutation { checkout(input: { addressId: "1" }) { id } }')).toBe('ok');
    const twelve = Array.from({ length: 12 }, (_, i) => `c${i}: replaceTodos(items: []) { id }`);
    expect(cost(`mutation { ${twelve.join(' ')} }`)).toBe(12 * 51);
  });

  it('a fragment bomb is measured in linear time and refused', async () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) =>
        `fragment F${i} on Query { ${i + 1 < levels ? `...F${i + 1} ... on Query { ...F${i + 1} }` : '__typename'} }`,
    ).join(' ');
    const started = Date.now();
    const error = await refused(`{ ...F0 } ${fragments}`);
    expect(error.extensions).toMatchObject({ limit: 'complexity' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('text with a NUL character is refused up front, in variables and in the document', async () => {
    const { token } = await signedInUser(t.app);
    const viaVariable = await t.client
      .as(token)
      .request('mutation($t: String!) { addTodo(title: $t) { id } }', { t: 'a\u0000b' });
    expect(viaVariable.status).toBe(400);
    expect(viaVariable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const inline = await t.client
      .as(token)
      .request('mutation { addTodo(title: "a\\u0000b") { id } }');
    expect(inline.status).toBe(400);
    expect(inline.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the playground introspection query is allowed', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const result = await t.client.request(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
  });
});

describe('WebSocket limits', () => {
  it('applies the same query limits to subscribe messages', async () => {
    const client = t.client.ws();
    try {
      const [error] = await wsErrors(client, nested(11));
      expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
      const [tooMany] = await wsErrors(client, tokens(1988));
      expect(tooMany?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      const [invalid] = await wsErrors(client, '{ nope }');
      expect(invalid?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'GRAPHQL_VALIDATION_FAILED',
      });
      expect(await wsErrors(client, nested(10))).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('closes a connection that does not send connection_init in time with 4408', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
  });

  it('closes a connection that sends a message over the size limit with 1009', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.on('open', resolve));
    const closed = new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(9000) } }));
    expect(await closed).toBe(1009);
  });

  it('refuses connections beyond the per-IP limit with HTTP 429, and accepts again when one closes', async () => {
    const open = () =>
      new Promise<WebSocket | number>((resolve) => {
        const socket = new WebSocket(
          `${t.url.replace('http', 'ws')}/graphql`,
          'graphql-transport-ws',
        );
        socket.on('open', () => resolve(socket));
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await open();
      expect(socket).toBeInstanceOf(WebSocket);
      sockets.push(socket as WebSocket);
    }
    expect(await open()).toBe(429);
    const first = sockets.shift()!;
    await new Promise((resolve) => {
      first.on('close', resolve);
      first.close();
    });
    const again = await open();
    expect(again).toBeInstanceOf(WebSocket);
    for (const s of [...sockets, again as WebSocket]) s.terminate();
  });

  it('refuses more subscriptions per connection than allowed', async () => {
    const { token } = await signedInUser(t.app);
    const client = t.client.as(token).ws();
    try {
      const subscription = 'subscription { todosChanged { id } }';
      const disposers = Array.from({ length: 3 }, () =>
        client.subscribe(
          { query: subscription },
          { next: () => {}, error: () => {}, complete: () => {} },
        ),
      );
      const [error] = await wsErrors(client, subscription);
      expect(error?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'subscriptions',
      });
      for (const dispose of disposers) dispose();
    } finally {
      await client.dispose();
    }
  });
});
