import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signedInUser } from '../factories/users.js';

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));
async function app(env: Record<string, string>): Promise<TestApp> {
  const started = await startTestApp({ env });
  apps.push(started);
  return started;
}

const ask = (t: TestApp, headers: Record<string, string> = {}, token?: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

async function limited(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  const body = (await response.json()) as {
    errors: { extensions: { code: string; retryAfterSeconds: number } }[];
  };
  expect(body.errors[0]!.extensions).toMatchObject({
    code: 'RATE_LIMITED',
    retryAfterSeconds: retryAfter,
  });
}

describe('per-user and per-IP token buckets', () => {
  it('limits each user, then the IP they share, with RATE_LIMITED, retryAfterSeconds and Retry-After', async () => {
    const t = await app({ RATE_LIMIT_USER_PER_MINUTE: '5', RATE_LIMIT_IP_PER_MINUTE: '12' });
    const alice = await signedInUser(t.app);
    const bob = await signedInUser(t.app);
    for (let i = 0; i < 5; i++) expect((await ask(t, {}, alice.token)).status).toBe(200);
    await limited(await ask(t, {}, alice.token));
    // Bob has his own bucket…
    for (let i = 0; i < 5; i++) expect((await ask(t, {}, bob.token)).status).toBe(200);
    await limited(await ask(t, {}, bob.token));
    // …but both drew from the IP's twelve: anonymous callers from it are refused now.
    await limited(await ask(t));
  });

  it('the WebSocket draws from the same buckets', async () => {
    const t = await app({ RATE_LIMIT_USER_PER_MINUTE: '2', RATE_LIMIT_IP_PER_MINUTE: '1000' });
    const user = await signedInUser(t.app);
    const client = t.client.as(user.token).ws();
    try {
      const run = () =>
        new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: '{ __typename }' },
            {
              next: (v) => resolve(v),
              error: (e) => resolve(e),
              complete: () => undefined,
            },
          );
        });
      expect(await run()).toEqual({ data: { __typename: 'Query' } });
      expect(await run()).toEqual({ data: { __typename: 'Query' } });
      const refused = (await run()) as {
        extensions: { code: string; retryAfterSeconds: number };
      }[];
      expect(refused[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(refused[0]!.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    } finally {
      await client.dispose();
    }
  });
});

describe('client IP behind a proxy', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const direct = await app({ RATE_LIMIT_IP_PER_MINUTE: '2' });
    await ask(direct, { 'x-forwarded-for': '203.0.113.1' });
    await ask(direct, { 'x-forwarded-for': '203.0.113.2' });
    await limited(await ask(direct, { 'x-forwarded-for': '203.0.113.3' }));

    const proxied = await app({ RATE_LIMIT_IP_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await ask(proxied, { 'x-forwarded-for': ip })).status).toBe(200);
      expect((await ask(proxied, { 'x-forwarded-for': ip })).status).toBe(200);
    }
    await limited(await ask(proxied, { 'x-forwarded-for': '203.0.113.1' }));
  });
});
