import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerId, type RequestContext } from '../../app/context.js';
import { requireText } from '../../common/validation.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import type { PubSub } from '../../infra/index.js';
import { User } from '../accounts/user.entity.js';
import { Todo } from './todo.entity.js';
import { TodoFilter, type TodoItemInput, type UpdateTodoInput } from './todo.inputs.js';

export const MAX_TODOS_PER_USER = 500;
export const TODO_TITLE_MAX = 200;

/** Per-user topic: the event only says "changed"; subscribers read the list fresh. */
export function todosTopic(userId: string): string {
  return `todos.changed:${userId}`;
}

function normalizeTitle(raw: string, field: string): string {
  const title = requireText(raw, field, { max: TODO_TITLE_MAX });
  if (/\p{Cc}/u.test(title))
    throw AppError.badInput(field, 'Title cannot contain control characters');
  return title;
}

/**
 * The mini-program's todo list, one row per item. Every change runs in one
 * transaction that locks the owner's user row (so concurrent adds from two
 * devices get distinct, dense positions) and is announced on the owner's
 * topic after commit. Another user's todo behaves as if it did not exist.
 */
export class TodoService {
  constructor(private readonly pubsub: PubSub) {}

  /** The viewer's todos in position order. */
  async list(ctx: RequestContext, filter: TodoFilter = TodoFilter.ALL): Promise<Todo[]> {
    const owner = viewerId(ctx);
    const done =
      filter === TodoFilter.ACTIVE ? false : filter === TodoFilter.COMPLETED ? true : undefined;
    return ctx.em.find(Todo, done === undefined ? { owner } : { owner, done }, {
      orderBy: { position: 'asc' },
    });
  }

  /**
   * Runs `change` in a transaction holding the owner's lock; publishes the
   * change after commit (only when `change` reports one).
   */
  private async change<T>(
    ctx: RequestContext,
    change: (em: EntityManager, owner: string) => Promise<{ result: T; changed: boolean }>,
  ): Promise<T> {
    const owner = viewerId(ctx);
    const { result, changed } = await ctx.em.transactional(async (em) => {
      await em.execute('select id from app_user where id = ? for update', [owner]);
      return change(em, owner);
    });
    if (changed) await this.pubsub.publish(todosTopic(owner), { userId: owner });
    return result;
  }

  private async findOwned(em: EntityManager, owner: string, rawId: string): Promise<Todo> {
    const id = parseId(rawId);
    const todo = id ? await em.findOne(Todo, { id, owner }) : null;
    if (!todo) throw AppError.notFound('Todo', rawId);
    return todo;
  }

  /** Appends a todo at the end of the list (at most 500 per user). */
  async add(ctx: RequestContext, rawTitle: string): Promise<Todo> {
    const title = normalizeTitle(rawTitle, 'title');
    return this.change(ctx, async (em, owner) => {
      const count = await em.count(Todo, { owner });
      if (count >= MAX_TODOS_PER_USER)
        throw AppError.badInput('title', `At most ${MAX_TODOS_PER_USER} todos per user`);
      const todo = em.create(Todo, { owner: em.getReference(User, owner), title, position: count });
      await em.flush();
      return { result: todo, changed: true };
    });
  }

  /** Changes the title and/or the done flag of one of the viewer's todos. */
  async update(ctx: RequestContext, rawId: string, input: UpdateTodoInput): Promise<Todo> {
    const title = input.title == null ? undefined : normalizeTitle(input.title, 'title');
    if (input.title === null) throw AppError.badInput('title', 'title cannot be null');
    if (input.done === null) throw AppError.badInput('done', 'done cannot be null');
    return this.change(ctx, async (em, owner) => {
      const todo = await this.findOwned(em, owner, rawId);
      if (title !== undefined) todo.title = title;
      if (input.done != null) todo.done = input.done;
      await em.flush();
      return { result: todo, changed: true };
    });
  }

  /** Deletes one todo; the ones after it move up so positions stay dense. */
  async delete(ctx: RequestContext, rawId: string): Promise<boolean> {
    return this.change(ctx, async (em, owner) => {
      const todo = await this.findOwned(em, owner, rawId);
      await em.nativeDelete(Todo, { id: todo.id });
      await em.execute(
        'update todo set position = position - 1 where owner_id = ? and position > ?',
        [owner, todo.position],
      );
      return { result: true, changed: true };
    });
  }

  /** Deletes the completed todos and renumbers the rest; returns how many went. */
  async clearCompleted(ctx: RequestContext): Promise<number> {
    return this.change(ctx, async (em, owner) => {
      const removed = await em.nativeDelete(Todo, { owner, done: true });
      if (removed > 0) await this.renumber(em, owner);
      return { result: removed, changed: removed > 0 };
    });
  }

  private async renumber(em: EntityManager, owner: string): Promise<void> {
    await em.execute(
      `update todo set position = ranked.n - 1
       from (select id, row_number() over (order by position) as n from todo where owner_id = ?) as ranked
       where todo.id = ranked.id and todo.position <> ranked.n - 1`,
      [owner],
    );
  }

  /** Puts the viewer's todos in the given order; `ids` must be exactly the viewer's todo ids. */
  async reorder(ctx: RequestContext, rawIds: readonly string[]): Promise<Todo[]> {
    const ids = rawIds.map((raw) => parseId(raw));
    const wrong = () => AppError.badInput('ids', 'ids must list each of your todos exactly once');
    if (ids.some((id) => id === undefined) || new Set(ids).size !== ids.length) throw wrong();
    await this.change(ctx, async (em, owner) => {
      const mine = await em.execute<{ id: string }[]>('select id from todo where owner_id = ?', [
        owner,
      ]);
      const owned = new Set(mine.map((r) => String(r.id)));
      if (owned.size !== ids.length || ids.some((id) => !owned.has(id!))) throw wrong();
      if (ids.length > 0) {
        await em.execute(
          `update todo set position = v.position, updated_at = now()
           from (values ${ids.map(() => '(?::bigint, ?::int)').join(', ')}) as v(id, position)
           where todo.id = v.id and todo.position <> v.position`,
          ids.flatMap((id, position) => [id, position]),
        );
      }
      return { result: undefined, changed: true };
    });
    return this.list(ctx.fresh());
  }

  /** Replaces the whole list (the mini-program's upload) in one transaction; any invalid item changes nothing. */
  async replace(ctx: RequestContext, items: readonly TodoItemInput[]): Promise<Todo[]> {
    if (items.length > MAX_TODOS_PER_USER)
      throw AppError.badInput('items', `At most ${MAX_TODOS_PER_USER} todos per user`);
    const clean = items.map((item, i) => ({
      title: normalizeTitle(item.title, `items.${i}.title`),
      done: item.done,
    }));
    return this.change(ctx, async (em, owner) => {
      await em.nativeDelete(Todo, { owner });
      const user = em.getReference(User, owner);
      const todos = clean.map((item, position) =>
        em.create(Todo, { owner: user, title: item.title, done: item.done, position }),
      );
      await em.flush();
      return { result: todos, changed: true };
    });
  }

  /** Live updates for the viewer: resolves once subscribed. */
  subscribe(ctx: RequestContext): Promise<AsyncIterableIterator<unknown>> {
    return this.pubsub.subscribe(todosTopic(viewerId(ctx)));
  }

  /** The list for one subscription event, read with a fresh EntityManager (never the publisher's copy). */
  listForEvent(ctx: RequestContext): Promise<Todo[]> {
    return this.list(ctx.fresh());
  }
}
