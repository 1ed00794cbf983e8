import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a read-only statement on a read replica (`DATABASE_READ_URLS`), or on
 * the primary when there is none. Only for listings that may be a moment
 * stale (the public catalogues); everything else reads the primary, so a
 * client always sees its own writes.
 */
export function readQuery<T>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T> {
  return em.getConnection('read').execute(sql, [...params], 'all') as Promise<T>;
}
