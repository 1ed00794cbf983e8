import DataLoader from 'dataloader';
import type { RequestContext } from '../../app/context.js';
import type { LoaderFactory } from '../../app/loaders.js';
import { User } from './user.entity.js';

/** Users by id, one query per batch. */
export const userById: LoaderFactory<string, User | null, RequestContext> = (ctx) =>
  new DataLoader<string, User | null, string>(async (ids) => {
    const users = await ctx.em.find(User, { id: { $in: [...ids] } });
    const found = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => found.get(id) ?? null);
  });
