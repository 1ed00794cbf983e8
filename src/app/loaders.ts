import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery, OrderDefinition } from '@mikro-orm/core';
import type { RequestContext } from './context.js';

/** Creates a DataLoader bound to one request. */
export type LoaderFactory<K, V, C = unknown> = (ctx: C) => DataLoader<K, V, string>;

/**
 * Fresh DataLoaders for one request (or one subscription event): each loader
 * is created on first use from its factory and lives as long as the context.
 */
export class LoaderRegistry<C> {
  private readonly loaders = new Map<
    LoaderFactory<unknown, unknown, C>,
    DataLoader<unknown, unknown, string>
  >();

  constructor(private readonly ctx: C) {}

  get<K, V>(factory: LoaderFactory<K, V, C>): DataLoader<K, V, string> {
    const key = factory as unknown as LoaderFactory<unknown, unknown, C>;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = key(this.ctx);
      this.loaders.set(key, loader);
    }
    return loader as unknown as DataLoader<K, V, string>;
  }
}

/** A loader of entities by id: one `IN` query per batch; null for ids that do not exist. */
export function entityById<T extends { id: string }>(
  entity: EntityClass<T>,
): LoaderFactory<string, T | null, RequestContext> {
  return (ctx) =>
    new DataLoader<string, T | null, string>(async (ids) => {
      const rows = await ctx.em.find(entity, {
        id: { $in: [...ids] },
      } as unknown as FilterQuery<T>);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
}

/**
 * A loader of the entities that point at each key through a to-one relation
 * (a category's children, an order's lines): one `IN` query per batch, each
 * list in id order.
 */
export function entitiesBy<T extends { id: string }, K extends keyof T & string>(
  entity: EntityClass<T>,
  relation: K,
): LoaderFactory<string, T[], RequestContext> {
  return (ctx) =>
    new DataLoader<string, T[], string>(async (keys) => {
      const rows = await ctx.em.find(entity, { [relation]: { $in: [...keys] } } as FilterQuery<T>, {
        orderBy: { id: 'asc' } as OrderDefinition<T>,
      });
      const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
      for (const row of rows) {
        groups.get((row[relation] as { id: string }).id)?.push(row);
      }
      return keys.map((key) => groups.get(key)!);
    });
}
