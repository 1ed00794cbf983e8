import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { testConfig } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { embeddedPostgresReachable } from '../helpers/process.js';
import { signedInUser } from '../factories/users.js';

// These restart the app's own embedded PostgreSQL.
describe.skipIf(!embeddedPostgresReachable())('PostgreSQL restarts', () => {
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

  it('under load: while PostgreSQL restarts every request fails cleanly or succeeds, no acknowledged write is lost, and the pool recovers', async () => {
    const alice = await signedInUser(app);
    const writer = client.as(alice.token);
    const embedded = app.database.embedded!;
    const acknowledged: string[] = [];
    const failures = new Map<string, number>();
    let stop = false;
    const worker = async () => {
      for (let i = 0; !stop; i++) {
        const result = await writer
          .request('mutation($t: String!) { addTodo(title: $t) { id } }', { t: `load ${i}` })
          .catch((err: Error) => ({
            errors: [{ message: err.message, extensions: { reason: undefined } }],
            data: null,
            status: 0,
          }));
        const id = (result.data as { addTodo?: { id: string } } | null)?.addTodo?.id;
        if (id) acknowledged.push(id);
        else {
          const first = result.errors?.[0];
          const reason = first?.extensions?.reason;
          const key = `${result.status} ${typeof reason === 'string' ? reason : first?.message}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const workers = Array.from({ length: 6 }, () => worker());
    await new Promise((r) => setTimeout(r, 300));
    const beforeOutage = acknowledged.length;
    await embedded.suspend();
    await new Promise((r) => setTimeout(r, 1_000));
    await embedded.resume();
    // Recovered: writes succeed again without restarting the app.
    await expect
      .poll(() => acknowledged.length, { timeout: 20_000, interval: 200 })
      .toBeGreaterThan(beforeOutage + 20);
    const settled = acknowledged.length;
    await expect.poll(() => acknowledged.length, { timeout: 5_000 }).toBeGreaterThan(settled + 20);
    stop = true;
    await Promise.all(workers);
    // No connection leaked by transactions that failed mid-way (all are back in the pool).
    const pool = (await app.orm.driver.getConnection().getNativeClient()) as {
      totalCount: number;
      idleCount: number;
    };
    await expect.poll(() => pool.totalCount - pool.idleCount, { timeout: 5_000 }).toBe(0);

    // Every failure said clearly that the database was unavailable (HTTP 503), nothing else.
    expect([...failures.keys()]).toEqual(failures.size ? ['503 DATABASE_UNAVAILABLE'] : []);
    expect(failures.size).toBe(1);
    const rows = await app.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from todo where owner_id = ?', [alice.user.id]);
    const stored = new Set(rows.map((r) => String(r.id)));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);
});
