import DataLoader from 'dataloader';
import type { RequestContext } from '../../app/context.js';
import type { LoaderFactory } from '../../app/loaders.js';

/** Per request: whether each user has a WeChat identity (one query per batch). */
export const wechatBoundByUserId: LoaderFactory<string, boolean, RequestContext> = (ctx) =>
  new DataLoader<string, boolean, string>(async (userIds) => {
    const rows = await ctx.em.execute<{ user_id: string }[]>(
      'select distinct user_id from wechat_identity where user_id in (?)',
      [[...userIds]],
    );
    const bound = new Set(rows.map((r) => String(r.user_id)));
    return userIds.map((id) => bound.has(id));
  });
