import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddTodo,
  ClearCompleted,
  DeleteTodo,
  ReorderTodos,
  ReplaceTodos,
  Todos,
  TodosChanged,
  UpdateTodo,
} from './documents/todos.js';
import { startTestApp, waitForSubscribers, type TestApp } from './helpers/app.js';
import { sleep, Subscription, type TestClient } from './helpers/client.js';
import { createUser, signedInUser, signIn } from './factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_POLICY: 'multi' } });
});
afterAll(() => t?.close());

async function userClient(): Promise<TestClient> {
  return t.client.as((await signedInUser(t.app)).token);
}

const titles = (todos: { title: string }[]) => todos.map((x) => x.title);
const positions = (todos: { position: number }[]) => todos.map((x) => x.position);

describe('todos', () => {
  it('adds at the end, lists by position and filters', async () => {
    const me = await userClient();
    for (const title of ['  buy milk ', 'write report', '学习 GraphQL'])
      await me.ok(AddTodo, { title });
    const { todos } = await me.ok(Todos);
    expect(titles(todos)).toEqual(['buy milk', 'write report', '学习 GraphQL']);
    expect(positions(todos)).toEqual([0, 1, 2]);
    await me.ok(UpdateTodo, { id: todos[1]!.id, input: { done: true } });
    expect(titles((await me.ok(Todos, { filter: 'ACTIVE' })).todos)).toEqual([
      'buy milk',
      '学习 GraphQL',
    ]);
    expect(titles((await me.ok(Todos, { filter: 'COMPLETED' })).todos)).toEqual(['write report']);
  });

  it('updates title and done; validates titles', async () => {
    const me = await userClient();
    const { addTodo } = await me.ok(AddTodo, { title: 'draft' });
    const { updateTodo } = await me.ok(UpdateTodo, {
      id: addTodo.id,
      input: { title: 'final', done: true },
    });
    expect(updateTodo).toMatchObject({ id: addTodo.id, title: 'final', done: true, position: 0 });
    expect(new Date(updateTodo.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(addTodo.updatedAt).getTime(),
    );
    for (const title of ['', '   ', 'x'.repeat(201), 'line\nbreak']) {
      expect((await me.fail(AddTodo, { title })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'title',
      });
      expect(
        (await me.fail(UpdateTodo, { id: addTodo.id, input: { title } })).extensions?.code,
      ).toBe('BAD_USER_INPUT');
    }
    expect((await me.ok(AddTodo, { title: 'x'.repeat(200) })).addTodo.title).toHaveLength(200);
  });

  it('deletes and clears completed, keeping positions dense', async () => {
    const me = await userClient();
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c', 'd', 'e'])
      ids.push((await me.ok(AddTodo, { title })).addTodo.id);
    expect(await me.ok(DeleteTodo, { id: ids[1]! })).toEqual({ deleteTodo: true });
    let { todos } = await me.ok(Todos);
    expect(titles(todos)).toEqual(['a', 'c', 'd', 'e']);
    expect(positions(todos)).toEqual([0, 1, 2, 3]);
    await me.ok(UpdateTodo, { id: ids[0]!, input: { done: true } });
    await me.ok(UpdateTodo, { id: ids[3]!, input: { done: true } });
    expect(await me.ok(ClearCompleted)).toEqual({ clearCompletedTodos: 2 });
    ({ todos } = await me.ok(Todos));
    expect(titles(todos)).toEqual(['c', 'e']);
    expect(positions(todos)).toEqual([0, 1]);
    expect(await me.ok(ClearCompleted)).toEqual({ clearCompletedTodos: 0 });
  });

  it('reorders with exactly the viewer’s ids; anything else is refused and changes nothing', async () => {
    const me = await userClient();
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three'])
      ids.push((await me.ok(AddTodo, { title })).addTodo.id);
    const { reorderTodos } = await me.ok(ReorderTodos, { ids: [ids[2]!, ids[0]!, ids[1]!] });
    expect(titles(reorderTodos)).toEqual(['three', 'one', 'two']);
    expect(positions(reorderTodos)).toEqual([0, 1, 2]);

    const other = await userClient();
    const foreign = (await other.ok(AddTodo, { title: 'not yours' })).addTodo.id;
    for (const bad of [
      [ids[0]!, ids[1]!],
      [...ids, ids[0]!],
      [ids[0]!, ids[1]!, foreign],
      [ids[0]!, ids[0]!, ids[1]!],
      [...ids, '999999999'],
      ['abc', ids[1]!, ids[2]!],
    ]) {
      expect((await me.fail(ReorderTodos, { ids: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ids',
      });
    }
    expect(titles((await me.ok(Todos)).todos)).toEqual(['three', 'one', 'two']);
    expect(titles((await other.ok(Todos)).todos)).toEqual(['not yours']);
  });

  it('replaces the whole list in one transaction; an invalid item changes nothing', async () => {
    const me = await userClient();
    await me.ok(AddTodo, { title: 'old' });
    const { replaceTodos } = await me.ok(ReplaceTodos, {
      items: [{ title: 'x', done: true }, { title: 'y' }],
    });
    expect(replaceTodos.map((x) => [x.title, x.done, x.position])).toEqual([
      ['x', true, 0],
      ['y', false, 1],
    ]);
    const error = await me.fail(ReplaceTodos, { items: [{ title: 'fine' }, { title: '' }] });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.1.title' });
    expect(titles((await me.ok(Todos)).todos)).toEqual(['x', 'y']);
    expect((await me.ok(ReplaceTodos, { items: [] })).replaceTodos).toEqual([]);
  });

  it('allows at most 500 todos per user', async () => {
    const me = await userClient();
    const items = Array.from({ length: 500 }, (_, i) => ({ title: `item ${i}` }));
    expect((await me.ok(ReplaceTodos, { items })).replaceTodos).toHaveLength(500);
    expect((await me.fail(AddTodo, { title: 'one too many' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      (await me.fail(ReplaceTodos, { items: [...items, { title: 'too many' }] })).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
  });

  it('gives 20 concurrent adds by one user 20 distinct, dense positions', async () => {
    const me = await userClient();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => me.ok(AddTodo, { title: `parallel ${i}` })),
    );
    const { todos } = await me.ok(Todos);
    expect(todos).toHaveLength(20);
    expect(positions(todos)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('requires sign-in', async () => {
    expect((await t.client.fail(Todos)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.client.fail(AddTodo, { title: 'x' })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('ownership', () => {
  it('user B cannot read, change, reorder or delete user A’s todos', async () => {
    const a = await userClient();
    const b = await userClient();
    const { addTodo } = await a.ok(AddTodo, { title: 'private' });
    expect((await b.ok(Todos)).todos).toEqual([]);
    expect(
      (await b.fail(UpdateTodo, { id: addTodo.id, input: { done: true } })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await b.fail(DeleteTodo, { id: addTodo.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await b.fail(ReorderTodos, { ids: [addTodo.id] })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await a.ok(Todos)).todos).toMatchObject([
      { id: addTodo.id, title: 'private', done: false },
    ]);
  });
});

describe('todosChanged', () => {
  it('a second device of the same user receives the new list after an addTodo on the first', async () => {
    const user = await createUser(t.app);
    const phone = await signIn(t.app, user);
    const laptop = await signIn(t.app, user);
    const phoneClient = t.client.as(phone.token);
    const base = t.app.infra.pubsub.activeSubscriptions;
    const ws = t.client.ws({ token: laptop.token });
    const sameSessionWs = t.client.ws({ token: phone.token });
    try {
      const sub = new Subscription(ws, TodosChanged);
      const sameSession = new Subscription(sameSessionWs, TodosChanged);
      await waitForSubscribers(t.app, base + 2);
      await phoneClient.ok(AddTodo, { title: 'from the phone' });
      const received = await sub.waitFor(1);
      expect(received.data?.todosChanged.map((x) => x.title)).toEqual(['from the phone']);
      expect((await sameSession.waitFor(1)).data?.todosChanged).toHaveLength(1);

      // A failed replaceTodos changes nothing and sends nothing…
      await phoneClient.fail(ReplaceTodos, { items: [{ title: '' }] });
      await sleep(300);
      expect(sub.received).toHaveLength(1);
      // …and the next real change arrives as the second event.
      await phoneClient.ok(AddTodo, { title: 'second' });
      expect((await sub.waitFor(2)).data?.todosChanged.map((x) => x.title)).toEqual([
        'from the phone',
        'second',
      ]);
      sub.close();
      sameSession.close();
    } finally {
      await ws.dispose();
      await sameSessionWs.dispose();
    }
  });

  it('does not leak other users’ changes and refuses anonymous subscribers', async () => {
    const a = await signedInUser(t.app);
    const b = await signedInUser(t.app);
    const ws = t.client.ws({ token: b.token });
    const anon = t.client.ws({ token: null });
    try {
      const base = t.app.infra.pubsub.activeSubscriptions;
      const sub = new Subscription(ws, TodosChanged);
      await waitForSubscribers(t.app, base + 1);
      await t.client.as(a.token).ok(AddTodo, { title: 'only for a' });
      await sleep(300);
      expect(sub.received).toHaveLength(0);
      const refused = new Subscription(anon, TodosChanged);
      const first = await refused.waitFor(1);
      expect(first.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      sub.close();
    } finally {
      await ws.dispose();
      await anon.dispose();
    }
  });
});
