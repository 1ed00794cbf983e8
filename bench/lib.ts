// Shared helpers of the load benchmarks: start a production server on a fresh
// database (unless BENCH_URL points at one), percentiles, and an HTTP client
// over a keep-alive agent with a fixed number of sockets.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';

/** Linux clock ticks per second (the unit of /proc/<pid>/stat times). */
const CLOCK_TICKS = 100;

export const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
export const num = (name: string, fallback: number): number =>
  Number(process.env[name] ?? fallback);

export interface BenchServer {
  readonly url: string;
  /** CPU time (user + system, ms) the server process has used so far; undefined for BENCH_URL. */
  cpuMs(): number | undefined;
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

/**
 * POSTs GraphQL over a keep-alive agent with at most `sockets` connections.
 * `ms` is the request's latency on the wire: from the moment it has a
 * connection (time spent queued for one of the load generator's sockets is
 * the generator's limit, not the server's) to the end of the response.
 */
export function graphqlPoster(baseUrl: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const target = new URL('/graphql', baseUrl);
  return {
    post(body: string, token?: string): Promise<{ status: number; text: string; ms: number }> {
      return new Promise((resolve, reject) => {
        let sent = 0;
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                text: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - sent,
              }),
            );
          },
        );
        req.on('socket', () => {
          sent = performance.now();
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
