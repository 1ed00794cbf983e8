import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { testConfig } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { signedInUser } from '../factories/users.js';

let app: App;
let client: TestClient;
beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'campus-restart-'));
  app = await createApp(testConfig({ DATA_DIR: dataDir }), { seedDemo: false });
  client = new TestClient(await app.listen(0, '127.0.0.1'));
}, 60_000);
afterAll(() => app?.close());

async function ready(): Promise<{ status: number; body: { checks: { database: string } } }> {
  const response = await fetch(`${client.baseUrl}/health/ready`);
  return {
    status: response.status,
    body: (await response.json()) as { checks: { database: string } },
  };
}

it('/health/ready goes 503 while PostgreSQL is down and back to 200 when it returns, without a restart', async () => {
  const alice = await signedInUser(app);
  const embedded = app.database.embedded!;
  expect(embedded).toBeDefined();
  expect(await ready()).toMatchObject({ status: 200, body: { checks: { database: 'up' } } });

  await embedded.suspend();
  expect(await ready()).toMatchObject({ status: 503, body: { checks: { database: 'down' } } });
  // Signed-in requests check their session in PostgreSQL: a clear, retryable error.
  const failed = await client.as(alice.token).request('{ me { id } }');
  expect(failed.status).toBe(503);
  expect(failed.errors?.[0]).toMatchObject({
    message: 'The database is unavailable; try again shortly',
    extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'DATABASE_UNAVAILABLE' },
  });
  const write = await client.request(
    'mutation { login(username: "x", password: "password123") { accessToken } }',
  );
  expect(write.status).toBe(503);
  expect(write.errors?.[0]?.extensions?.reason).toBe('DATABASE_UNAVAILABLE');
  expect(await client.ok('{ __typename }')).toEqual({ __typename: 'Query' });

  await embedded.resume();
  await expect
    .poll(async () => (await ready()).status, { timeout: 15_000, interval: 200 })
    .toBe(200);
  expect(await client.as(alice.token).ok('{ me { id } }')).toEqual({ me: { id: alice.user.id } });
}, 60_000);
