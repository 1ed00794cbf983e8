import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { RESOLVERS } from '../src/app/resolvers.js';
import { createErrorFormatter } from '../src/errors/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('HTTP server', () => {
  it('answers GraphQL over HTTP POST and GET', async () => {
    expect(await t.client.ok('{ __typename }')).toEqual({ __typename: 'Query' });
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers GraphQL over graphql-ws on the same port and path', async () => {
    const ws = t.client.ws();
    try {
      const iterator = ws.iterate({ query: '{ __typename }' });
      const first = await iterator.next();
      expect(first.value).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await ws.dispose();
    }
  });

  it('reports liveness and readiness with the state of each dependency', async () => {
    const live = await fetch(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: { database: string; redis: string } };
    expect(body.checks.database).toBe('up');
    expect(body.checks.redis).toBe(t.config.redis.url ? 'up' : 'not configured');
  });

  it('exposes Prometheus metrics', async () => {
    await t.client.ok('query Probe { __typename }');
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(
      /graphql_operations_total\{operation="Probe",type="query",outcome="ok"\} \d+/,
    );
    expect(text).toContain('websocket_connections_open');
    expect(text).toContain('graphql_subscriptions_active');
    expect(text).toMatch(/db_pool_connections\{state="total"\}/);
  });

  it('serves the self-hosted playground and its assets', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const response = await fetch(`${t.url}${asset[1]}`);
      expect(response.status, asset[1]).toBe(200);
    }
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${t.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${t.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses bodies over the limit with 413 and batched operations', async () => {
    const big = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(big.status).toBe(413);
    const batch = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('reports malformed documents as BAD_USER_INPUT with the reason', async () => {
    const parse = await t.client.fail('{ __typename');
    expect(parse.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_PARSE_FAILED',
    });
    const invalid = await t.client.fail('{ nope }');
    expect(invalid.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  it('answers unknown routes with 404', async () => {
    expect((await fetch(`${t.url}/nope`)).status).toBe(404);
  });
});

describe('wiring', () => {
  it('registers an instance of every resolver class in the app container', () => {
    for (const resolver of RESOLVERS)
      expect(() => t.app.services.container.get(resolver), resolver.name).not.toThrow();
  });
});

describe('error formatting', () => {
  const boom = new GraphQLError('relation "secret_table" does not exist', {
    originalError: new Error('relation "secret_table" does not exist'),
  });

  it('hides unexpected errors in production: no message detail, stack or SQL', () => {
    const format = createErrorFormatter({ exposeInternalMessages: false });
    const out = format({ message: boom.message, extensions: { stacktrace: ['at x'] } }, boom);
    expect(out).toEqual({
      message: 'Internal server error',
      locations: undefined,
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the message (never the stack) in development', () => {
    const format = createErrorFormatter({ exposeInternalMessages: true });
    const out = format({ message: boom.message, extensions: { stacktrace: ['at x'] } }, boom);
    expect(out.message).toBe(boom.message);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('production mode', () => {
  it('hides the playground, introspection and field suggestions unless PLAYGROUND=true', async () => {
    const prod = await startTestApp({ env: { NODE_ENV: 'production', PLAYGROUND: undefined } });
    try {
      expect((await fetch(`${prod.url}/`)).status).toBe(404);
      expect((await fetch(`${prod.url}/playground/graphiql.min.js`)).status).toBe(404);
      const introspection = await prod.client.fail('{ __schema { queryType { name } } }');
      expect(introspection.extensions?.code).toBe('BAD_USER_INPUT');
      const typo = await prod.client.fail('{ serverTme }');
      expect(typo.message).not.toMatch(/Did you mean/);
      expect(await prod.client.ok('{ __typename }')).toEqual({ __typename: 'Query' });
      // The WebSocket hides the same things.
      const ws = prod.client.ws();
      try {
        const errorsOf = (query: string) =>
          new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve) => {
            ws.subscribe(
              { query },
              {
                next: () => resolve([]),
                error: (e) => resolve(e as never),
                complete: () => undefined,
              },
            );
          });
        const [schemaError] = await errorsOf('{ __schema { queryType { name } } }');
        expect(schemaError?.extensions?.code).toBe('BAD_USER_INPUT');
        const [typoError] = await errorsOf('{ serverTme }');
        expect(typoError?.message).toMatch(/Cannot query field/);
        expect(typoError?.message).not.toMatch(/Did you mean/);
      } finally {
        await ws.dispose();
      }
    } finally {
      await prod.close();
    }
    const open = await startTestApp({ env: { NODE_ENV: 'production', PLAYGROUND: 'true' } });
    try {
      expect((await fetch(`${open.url}/`)).status).toBe(200);
      expect(await open.client.ok('{ __schema { queryType { name } } }')).toEqual({
        __schema: { queryType: { name: 'Query' } },
      });
      expect((await open.client.fail('{ serverTme }')).message).toMatch(/Did you mean/);
    } finally {
      await open.close();
    }
  });
});
