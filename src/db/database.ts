import type { Config } from '../config/index.js';
import type { Logger } from '../infra/logger.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

/** Where the database is: `DATABASE_URL`, or an embedded cluster we started. */
export interface DatabaseLocation {
  readonly url: string;
  readonly embedded: EmbeddedDatabase | undefined;
}

/** Resolves the database to use, starting the embedded PostgreSQL when `DATABASE_URL` is unset. */
export async function resolveDatabase(config: Config, log: Logger): Promise<DatabaseLocation> {
  if (config.database.url) return { url: config.database.url, embedded: undefined };
  if (config.isProduction)
    log.warn('DATABASE_URL is not set: using an embedded PostgreSQL in production');
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  return { url: embedded.url, embedded };
}
