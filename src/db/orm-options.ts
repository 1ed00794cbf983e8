import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmOptionsInput {
  readonly url: string;
  readonly readUrls?: readonly string[];
  readonly poolMax?: number;
  /** Called for every SQL statement (metrics, statement-count tests). */
  readonly onQuery?: (sql: string) => void;
  /** Logger for MikroORM's own messages (never parameters: they may carry secrets). */
  readonly logger?: (message: string) => void;
}

/**
 * MikroORM options shared by the server, the scripts and `mikro-orm.config.ts`.
 * Schema changes go only through migrations in `src/db/migrations`.
 */
export function ormOptions(input: OrmOptionsInput): Options {
  return defineConfig({
    clientUrl: input.url,
    replicas: (input.readUrls ?? []).map((clientUrl, i) => ({ clientUrl, name: `read-${i + 1}` })),
    // Replicas lag: by default every query reads the primary (a client always sees its own
    // writes); only catalogue listings that may be a moment stale opt in (see readQuery).
    preferReadReplicas: false,
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator, SeedManager],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: input.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    driverOptions: { connectionTimeoutMillis: 5_000 },
    ensureDatabase: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: false,
    debug: false,
    colors: false,
    logger: input.logger ?? (() => undefined),
    onQuery: input.onQuery
      ? (sql) => {
          input.onQuery?.(sql);
          return sql;
        }
      : undefined,
    migrations: {
      path: 'dist/src/db/migrations',
      pathTs: 'src/db/migrations',
      migrationsList: MIGRATIONS,
      snapshotName: '.snapshot',
      snapshotOnMigrate: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      silent: true,
    },
    seeder: { path: 'dist/src/db/seeders', pathTs: 'src/db/seeders', emit: 'ts' },
  });
}
