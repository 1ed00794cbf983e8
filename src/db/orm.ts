import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from '../infra/logger.js';
import { ormOptions, type OrmOptionsInput } from './orm-options.js';

/** Arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_ID = 7_142_001;

/** Opens the ORM (connects lazily; call {@link migrate} before serving). */
export async function openOrm(input: OrmOptionsInput): Promise<MikroORM> {
  return MikroORM.init(ormOptions(input));
}

export interface MigrationOutcome {
  /** Names of the migrations applied now. */
  readonly applied: readonly string[];
  /** True when the database had no migrations before (a brand-new database). */
  readonly freshDatabase: boolean;
}

/**
 * Applies pending migrations. Instances starting at once serialise on a
 * PostgreSQL advisory lock, so each migration runs exactly once.
 */
export async function migrate(orm: MikroORM, url: string, log: Logger): Promise<MigrationOutcome> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const executed = await orm.migrator.getExecuted();
    const applied = await orm.migrator.up();
    if (applied.length > 0)
      log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    return { applied: applied.map((m) => m.name), freshDatabase: executed.length === 0 };
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.end();
  }
}
