import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Login } from '../documents/accounts.js';
import { AddTodo, Todos, TodosChanged } from '../documents/todos.js';
import { ImportUsers } from '../documents/accounts.js';
import { runRedisUrl, TEST_JWT_SECRET } from '../helpers/app.js';
import { sleep, Subscription, TestClient } from '../helpers/client.js';
import { createTestDatabase } from '../helpers/database.js';
import { embeddedPostgresReachable, spawnServer, type ServerProcess } from '../helpers/process.js';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/infra/index.js';

const running: ServerProcess[] = [];
afterAll(() => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

function start(env: Record<string, string | undefined>, asUser?: string): ServerProcess {
  const server = spawnServer({ LOG_LEVEL: 'info', PORT: '0', ...env }, { asUser });
  running.push(server);
  return server;
}

describe('configuration errors stop the start with one clear line', () => {
  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://db/campus' }, /DATABASE_URL must be a postgres/],
    [{ JWT_SECRET: undefined }, /JWT_SECRET is required when NODE_ENV=production/],
  ])('NODE_ENV=production with %o', async (env, message) => {
    const server = start({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, ...env });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr).toHaveLength(1);
    expect(server.stderr[0]).toMatch(message);
    expect(server.stdout).toEqual([]);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM: the request in flight completes, WebSockets close with 1001, exit 0 within 10 s', async () => {
    const server = start({
      DATABASE_URL: await createTestDatabase(),
      REDIS_URL: runRedisUrl() ?? undefined,
      REDIS_KEY_PREFIX: `sigterm${Date.now()}:`,
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password-1',
    });
    const client = new TestClient(await server.url);
    const admin = client.as(
      (await client.ok(Login, { username: 'root', password: 'root-password-1' })).login.accessToken,
    );

    const ws = admin.ws({ lazy: false });
    const closed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as CloseEvent).code)),
    );
    const subscription = new Subscription(ws, TodosChanged);
    for (let attempt = 0; subscription.received.length === 0 && attempt < 50; attempt++) {
      await admin.ok(AddTodo, { title: `probe ${attempt}` });
      await sleep(100);
    }
    expect(subscription.received.length).toBeGreaterThan(0);

    const csv = [
      'username,password,realName,email,termIndex',
      ...Array.from({ length: 40 }, (_, i) => `drain${i},password-${i}-x,,,`),
    ].join('\n');
    const inFlight = admin.request(ImportUsers, { csv });
    await sleep(300);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    const result = await inFlight;
    expect(result.errors).toBeUndefined();
    expect(result.data?.importUsers.created).toBe(40);
    expect(await closed).toBe(1001);
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.stdout.some((line) => line.includes('shutdown complete'))).toBe(true);
    await ws.dispose();
  });
});

describe('SIGTERM under load', () => {
  it('every acknowledged write is stored and every stored write was acknowledged', async () => {
    const databaseUrl = await createTestDatabase();
    const server = start({
      DATABASE_URL: databaseUrl,
      REDIS_URL: runRedisUrl() ?? undefined,
      REDIS_KEY_PREFIX: `sigload${Date.now()}:`,
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password-1',
      RATE_LIMIT_USER_PER_MINUTE: '100000',
    });
    const client = new TestClient(await server.url);
    const writer = client.as(
      (await client.ok(Login, { username: 'root', password: 'root-password-1' })).login.accessToken,
    );
    const acknowledged = new Set<string>();
    const unanswered: string[] = [];
    let serverGone = false;
    const worker = async (w: number) => {
      for (let i = 0; !serverGone; i++) {
        const title = `w${w}-${i}`;
        try {
          const result = await writer.request(AddTodo, { title });
          if (result.data?.addTodo) acknowledged.add(title);
          else unanswered.push(`${title}: ${result.status}`);
        } catch (err) {
          // Refused or reset before the request was taken: fine, as long as it was not stored.
          unanswered.push(`${title}: ${(err as Error).message}`);
          if (server.child.exitCode !== null || unanswered.length > 200) serverGone = true;
          await sleep(5);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    await sleep(700);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    serverGone = true;
    await Promise.all(workers);
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(acknowledged.size).toBeGreaterThan(20);

    const { Client } = await import('pg');
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ title: string }>('select title from todo');
      const stored = new Set(rows.map((r) => r.title));
      expect([...acknowledged].filter((title) => !stored.has(title))).toEqual([]);
      expect([...stored].filter((title) => !acknowledged.has(title))).toEqual([]);
    } finally {
      await db.end();
    }
  }, 60_000);
});

describe.skipIf(!embeddedPostgresReachable())('embedded PostgreSQL', () => {
  it('starts with no database set up, loads demo data once, and reuses the data on the next start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'campus-embedded-'));
    const env = { DATA_DIR: dataDir };

    const first = start(env);
    const client = new TestClient(await first.url);
    expect(await client.ok('{ __typename }')).toEqual({ __typename: 'Query' });
    expect((await fetch(`${client.baseUrl}/`)).status).toBe(200);
    const demo = client.as(
      (await client.ok(Login, { username: 'demo', password: 'demo-password' })).login.accessToken,
    );
    await demo.ok(AddTodo, { title: 'survives a restart' });
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(first.stdout.some((line) => line.includes('initialising embedded PostgreSQL'))).toBe(
      true,
    );
    expect(first.stdout.some((line) => line.includes('demo data loaded'))).toBe(true);

    const second = start(env);
    const again = new TestClient(await second.url);
    const token = (await again.ok(Login, { username: 'demo', password: 'demo-password' })).login
      .accessToken;
    const { todos } = await again.as(token).ok(Todos);
    expect(todos.map((x) => x.title)).toContain('survives a restart');
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(second.stdout.some((line) => line.includes('initialising embedded PostgreSQL'))).toBe(
      false,
    );
    expect(second.stdout.some((line) => line.includes('demo data loaded'))).toBe(false);
  }, 90_000);
});

// Root, runuser available, and a checkout the nobody user can read (not, say, under a 0700 directory).
const canRunAsNobody =
  process.getuid?.() === 0 &&
  spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', path.resolve('package.json')])
    .status === 0;
const idOf = (flag: string) => Number(spawnSync('id', [flag, 'nobody']).stdout.toString().trim());

describe.skipIf(!canRunAsNobody)('embedded PostgreSQL as a normal user', () => {
  it('starts, answers and stops cleanly when the service does not run as root', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'campus-user-'));
    chownSync(dataDir, idOf('-u'), idOf('-g'));
    const server = start({ DATA_DIR: dataDir, HOME: '/tmp' }, 'nobody');
    const client = new TestClient(await server.url);
    expect(await client.ok('{ __typename }')).toEqual({ __typename: 'Query' });
    expect((await fetch(`${client.baseUrl}/health/ready`)).status).toBe(200);
    // Signal the service itself (runuser's child), as a process manager would.
    const nodePid = Number(
      spawnSync('pgrep', ['-P', String(server.child.pid)])
        .stdout.toString()
        .trim(),
    );
    process.kill(nodePid, 'SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.stdout.some((line) => line.includes('embedded PostgreSQL stopped'))).toBe(true);
  }, 90_000);
});

describe.skipIf(process.getuid?.() !== 0)('embedded PostgreSQL as root', () => {
  it('names the directory the postgres user cannot enter, instead of failing obscurely', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'campus-closed-')); // mode 0700
    const dataDir = path.join(closed, 'data');
    mkdirSync(dataDir);
    await expect(startEmbeddedPostgres({ dataDir, log: createLogger('silent') })).rejects.toThrow(
      `the "postgres" user, which cannot enter ${closed} to reach DATA_DIR; allow traversal (chmod o+x)`,
    );
  });
});
