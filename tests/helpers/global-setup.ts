import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { migrate, openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/infra/index.js';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { adminUrl: string; template: string; prefix: string };
    /** Redis for the run: REDIS_URL, else a redis-server we started, else null (in-process only). */
    redisUrl: string | null;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates one migrated template database for the run: from DATABASE_URL's
 * server when set (CI), else in an embedded PostgreSQL under .test-data/.
 * Each test file clones its own database from the template.
 */
export default async function setup(project: TestProject) {
  const log = createLogger('warn');
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve('.test-data'), log });
    adminUrl = embedded.adminUrl;
  }
  const prefix = `campus_test_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_tpl`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${template}" ENCODING 'UTF8'`));
  const templateUrl = withDatabase(adminUrl, template);
  const orm = await openOrm({ url: templateUrl });
  try {
    await migrate(orm, templateUrl, log);
  } finally {
    await orm.close(true);
  }
  project.provide('testDb', { adminUrl, template, prefix });
  let redis: PrivateRedis | undefined;
  if (!process.env.REDIS_URL && hasRedisServer()) redis = await startPrivateRedis();
  project.provide('redisUrl', process.env.REDIS_URL ?? redis?.url ?? null);

  return async () => {
    await admin(adminUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}_%`],
      );
      for (const { datname } of rows) {
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
          datname,
        ]);
        await c.query(`DROP DATABASE IF EXISTS "${datname}"`);
      }
    });
    await embedded?.stop();
    await redis?.stop();
  };
}
