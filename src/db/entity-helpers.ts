import {
  UniqueConstraintViolationException,
  type EntityClass,
  type FilterQuery,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../errors/index.js';
import { parseId } from './ids.js';

/**
 * The entity with this GraphQL id, or NOT_FOUND naming what was missing (and,
 * when given, the input field that named it). A malformed id is not found.
 */
export async function requireEntity<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  rawId: string,
  what: string,
  field?: string,
): Promise<T> {
  const id = parseId(rawId);
  const found: T | null = id ? await em.findOne(entity, { id } as FilterQuery<T>) : null;
  if (!found)
    throw new AppError(ErrorCode.NOT_FOUND, `${what} not found`, {
      id: rawId,
      ...(field ? { field } : {}),
    });
  return found;
}

/** Flushes; a unique-constraint clash becomes CONFLICT naming the field. */
export async function flushUnique(
  em: EntityManager,
  field: string,
  message: string,
): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw AppError.conflict(field, message);
    throw err;
  }
}
