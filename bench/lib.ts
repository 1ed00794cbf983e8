// Shared helpers of the load benchmarks: start a production server on a fresh
// database (unless BENCH_URL points at one), percentiles, and an HTTP client
// over a keep-alive agent with a fixed number of sockets.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { SignJWT } from 'jose';
import pg from 'pg';
import WebSocket from 'ws';

/** Linux clock ticks per second (the unit of /proc/<pid>/stat times). */
const CLOCK_TICKS = 100;

export const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
export const num = (name: string, fallback: number): number =>
  Number(process.env[name] ?? fallback);

export interface BenchServer {
  readonly url: string;
  /** CPU time (user + system, ms) the server process has used so far; undefined for BENCH_URL. */
  cpuMs(): number | undefined;
  /** Resident memory of the server process, bytes; undefined for BENCH_URL. */
  rssBytes(): number | undefined;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * BENCH_URL set: use that server (DATABASE_URL and JWT_SECRET must be its own).
 * Otherwise: create a fresh database on DATABASE_URL's server (default: the
 * local PostgreSQL), build, and start `node dist/src/main.js` in production mode.
 */
export async function benchServer(extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const jwtSecret = env('JWT_SECRET', 'bench-secret-that-is-long-enough-for-hs256!!');
  if (process.env.BENCH_URL) {
    if (!process.env.DATABASE_URL)
      throw new Error('with BENCH_URL, set DATABASE_URL and JWT_SECRET to the server’s own');
    return {
      url: process.env.BENCH_URL.replace(/\/$/, ''),
      databaseUrl: process.env.DATABASE_URL,
      jwtSecret,
      cpuMs: () => undefined,
      rssBytes: () => undefined,
      stop: () => Promise.resolve(),
    };
  }
  const adminUrl = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `campus_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

  const build = spawnSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeFlags, ...profile, 'dist/src/main.js'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        JWT_SECRET: jwtSecret,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_MAX: env('BENCH_POOL_MAX', '20'),
        ...(process.env.REDIS_URL
          ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `${name}:` }
          : {}),
        LOG_LEVEL: 'warn',
        ...(process.env.STOCK_PUSH_INTERVAL
          ? { STOCK_PUSH_INTERVAL: process.env.STOCK_PUSH_INTERVAL }
          : {}),
        ...(process.env.CATALOG_CACHE_TTL
          ? { CATALOG_CACHE_TTL: process.env.CATALOG_CACHE_TTL }
          : {}),
        RATE_LIMIT_IP_PER_MINUTE: '10000000',
        RATE_LIMIT_USER_PER_MINUTE: '10000000',
        WS_MAX_CONNECTIONS_PER_IP: '1000000',
        ...extraEnv,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) break;
    } catch {
      // not up yet
    }
    if (i > 300 || child.exitCode !== null) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    databaseUrl,
    jwtSecret,
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return undefined;
      }
    },
    rssBytes() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
      } catch {
        return undefined;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

/** The q-quantile of a sorted list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

interface Pending {
  head: string;
  body: string;
  resolve(result: { status: number; text: string; ms: number }): void;
  reject(error: Error): void;
}

/**
 * One keep-alive HTTP/1.1 connection of the load generator: writes a request,
 * reads the status line, Content-Length and body, and is free again. Lean on
 * purpose: the generator shares the machine's two cores with the server.
 */
class LeanConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private current: (Pending & { started: number }) | undefined;
  readonly socket: net.Socket;

  constructor(
    host: string,
    port: number,
    private readonly release: (connection: LeanConnection, reusable: boolean) => void,
  ) {
    this.socket = net.connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  send(request: Pending): void {
    this.current = { ...request, started: performance.now() };
    this.socket.write(request.head + request.body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const current = this.current;
    if (!current) return;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffer.subarray(0, headEnd).toString('latin1');
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`response without Content-Length: ${head}`));
    const total = headEnd + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const text = this.buffer.subarray(headEnd + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    this.current = undefined;
    current.resolve({
      status: Number(head.slice(9, 12)),
      text,
      ms: performance.now() - current.started,
    });
    this.release(this, !/\r\nconnection: *close/i.test(head));
  }

  private fail(error: Error): void {
    const current = this.current;
    this.current = undefined;
    current?.reject(error);
    if (!this.socket.destroyed) this.socket.destroy();
    this.release(this, false);
  }
}

/**
 * POSTs GraphQL over at most `sockets` keep-alive connections. `ms` is the
 * request's latency on the wire: from the moment it has a connection (time
 * spent queued for one of the load generator's sockets is the generator's
 * limit, not the server's) to the end of the response.
 */
export function graphqlPoster(baseUrl: string, sockets: number) {
  const target = new URL('/graphql', baseUrl);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port);
  const idle: LeanConnection[] = [];
  const queue: Pending[] = [];
  const all = new Set<LeanConnection>();
  const release = (connection: LeanConnection, reusable: boolean) => {
    if (!reusable) {
      if (all.delete(connection)) pump();
      return;
    }
    const next = queue.shift();
    if (next) connection.send(next);
    else idle.push(connection);
  };
  const pump = () => {
    while (queue.length > 0 && all.size < sockets) {
      const connection = new LeanConnection(host, port, release);
      all.add(connection);
      connection.send(queue.shift()!);
    }
  };
  return {
    post(body: string, token?: string): Promise<{ status: number; text: string; ms: number }> {
      return new Promise((resolve, reject) => {
        const head =
          `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          (token ? `Authorization: Bearer ${token}\r\n` : '') +
          '\r\n';
        const request: Pending = { head, body, resolve, reject };
        const connection = idle.pop();
        if (connection) connection.send(request);
        else {
          queue.push(request);
          pump();
        }
      });
    },
    close() {
      for (const connection of all) connection.socket.destroy();
      all.clear();
      idle.length = 0;
    },
  };
}

/** A term with its selection window open, two periods, a course type, and signed-in students. */
export interface SelectionScene {
  termId: string;
  periodIds: [string, string];
  students: { id: string; token: string }[];
}

/**
 * Inserts the scene straight into the database (fast for thousands of
 * students) and signs an access token for each student's session the way the
 * service does.
 */
export async function createSelectionScene(
  db: pg.Client,
  jwtSecret: string,
  studentCount: number,
): Promise<SelectionScene> {
  const runId = Date.now().toString(36);
  const term = await db.query<{ id: string }>(
    `insert into term (index, starts_on, ends_on, selection_starts_at, selection_ends_at)
     values ((select coalesce(max(index), 0) + 1 from term), current_date, current_date + 120, now() - interval '1 minute', now() + interval '1 day')
     returning id`,
  );
  const termId = term.rows[0]!.id;
  const periods = await db.query<{ id: string }>(
    `insert into period (term_id, index, starts_on, ends_on) values ($1, 1, current_date, current_date + 40), ($1, 2, current_date + 41, current_date + 80) returning id`,
    [termId],
  );
  await db.query(`insert into course_type (name) values ($1)`, [`bench ${runId}`]);
  const students = await db.query<{ id: string }>(
    `insert into app_user (username, nickname, term_id) select 'bench-' || $1 || '-' || g, 'bench', $2 from generate_series(1, $3) g returning id`,
    [runId, termId, studentCount],
  );
  const sessions = await db.query<{ id: string; user_id: string }>(
    `insert into session (id, user_id, refresh_token_hash, expires_at)
     select gen_random_uuid(), u.id, md5(random()::text || u.id), now() + interval '1 day'
     from unnest($1::bigint[]) as u(id) returning id, user_id`,
    [students.rows.map((r) => r.id)],
  );
  const key = new TextEncoder().encode(jwtSecret);
  const now = Math.floor(Date.now() / 1000);
  const tokens = await Promise.all(
    sessions.rows.map(async (s) => ({
      id: String(s.user_id),
      token: await new SignJWT({ sid: s.id })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuer('campus-api')
        .setAudience('campus-clients')
        .setSubject(String(s.user_id))
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .setJti(randomUUID())
        .sign(key),
    })),
  );
  return { termId, periodIds: [periods.rows[0]!.id, periods.rows[1]!.id], students: tokens };
}

/** `count` courses of `seats` seats in a period. */
export async function createCourses(
  db: pg.Client,
  periodId: string,
  label: string,
  count: number,
  seats: number,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `insert into course (title, teacher, location, capacity, remaining, weekday, starts_at, ends_at, type_id, period_id)
     select $1 || ' ' || g, 'Teacher', 'Room ' || g, $2, $2, 1 + (g % 7), '08:00', '09:40', (select max(id) from course_type), $3
     from generate_series(1, $4) g returning id`,
    [label, seats, periodId, count],
  );
  return rows.rows.map((r) => String(r.id));
}

/** One graphql-ws client subscribed to courseStockChanged. */
export interface StockSubscriber {
  socket: WebSocket;
  /** The newest remaining seats per course. */
  last: Map<string, number>;
  /** Receive time minus the event's commit time (changedAt), ms. */
  delays: number[];
}

/**
 * Opens `count` WebSocket subscribers (graphql-transport-ws spoken by hand,
 * so the load generator stays light), 100 at a time; `courseIds` narrows
 * what each one listens to.
 */
export async function openStockSubscribers(
  url: string,
  count: number,
  courseIds?: string[],
): Promise<StockSubscriber[]> {
  const wsUrl = url.replace(/^http/, 'ws') + '/graphql';
  const query = courseIds
    ? `subscription { courseStockChanged(courseIds: ${JSON.stringify(courseIds)}) { courseId remaining changedAt } }`
    : 'subscription { courseStockChanged { courseId remaining changedAt } }';
  const subscribers: StockSubscriber[] = [];
  for (let batch = 0; batch < count; batch += 100) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(100, count - batch) }, () => {
        const subscriber: StockSubscriber = {
          socket: new WebSocket(wsUrl, 'graphql-transport-ws'),
          last: new Map(),
          delays: [],
        };
        return new Promise<StockSubscriber>((resolve, reject) => {
          subscriber.socket.on('open', () =>
            subscriber.socket.send(JSON.stringify({ type: 'connection_init', payload: {} })),
          );
          subscriber.socket.on('error', reject);
          subscriber.socket.on('message', (data: Buffer) => {
            const message = JSON.parse(data.toString()) as {
              type: string;
              payload?: {
                data?: {
                  courseStockChanged?: { courseId: string; remaining: number; changedAt: string };
                };
              };
            };
            if (message.type === 'connection_ack') {
              subscriber.socket.send(
                JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }),
              );
              resolve(subscriber);
            } else if (message.type === 'next') {
              const stock = message.payload?.data?.courseStockChanged;
              if (!stock) return;
              subscriber.last.set(stock.courseId, stock.remaining);
              subscriber.delays.push(Date.now() - Date.parse(stock.changedAt));
            }
          });
        });
      }),
    );
    subscribers.push(...opened);
  }
  return subscribers;
}

/** Waits until the server reports at least `count` active subscriptions (its /metrics). */
export async function waitForActiveSubscriptions(url: string, count: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const active = Number(/^graphql_subscriptions_active (\d+)/m.exec(text)?.[1] ?? 0);
    if (active >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('subscribers did not become active');
}
