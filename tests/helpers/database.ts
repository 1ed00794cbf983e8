import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * Creates a fresh database for the calling test file, cloned from the run's
 * migrated template (fast: PostgreSQL copies files), and returns its URL.
 */
export async function createTestDatabase(): Promise<string> {
  const { adminUrl, template, prefix } = inject('testDb');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message))
          throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The plan PostgreSQL picks for a query when table scans are off (does an index serve it?). */
export async function planWithoutSeqScan(em: EntityManager, sql: string): Promise<string> {
  return em.transactional(async (tx) => {
    await tx.execute('set local enable_seqscan = off');
    const rows = await tx.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
