import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/index.js';
import { AddTodo, TodosChanged } from '../documents/todos.js';
import { CourseStockChanged, DropCourse, Enroll } from '../documents/courses.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { startTestApp, waitForSubscribers, type TestApp } from '../helpers/app.js';
import { Subscription } from '../helpers/client.js';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from '../helpers/redis.js';
import { signedInUser } from '../factories/users.js';

describe.skipIf(!hasRedisServer())('Redis down and back', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({
      redis: redis.url,
      log: createLogger('info', {}, { write: (line: string) => void lines.push(line) }),
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const readiness = async () => {
    const response = await fetch(`${t.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { checks: unknown } };
  };

  it('writes succeed while it is down (events dropped with a warning); live updates resume by themselves when it returns', async () => {
    const alice = await signedInUser(t.app);
    const client = t.client.as(alice.token);
    const ws = client.ws({ lazy: false });
    // Other services hold pub/sub subscriptions too (session revocations): count from here.
    const base = t.app.infra.pubsub.activeSubscriptions;
    const before = new Subscription(ws, TodosChanged);
    await waitForSubscribers(t.app, base + 1, 15_000);
    await client.ok(AddTodo, { title: 'before the outage' });
    await before.waitFor(1, 15_000);

    await redis.stop();
    try {
      await expect
        .poll(async () => (await readiness()).status, { timeout: 10_000, interval: 100 })
        .toBe(503);
      expect((await readiness()).body).toMatchObject({ checks: { database: 'up', redis: 'down' } });
      const during = await client.ok(AddTodo, { title: 'during the outage' });
      expect(during.addTodo.title).toBe('during the outage');
      expect(lines.some((l) => l.includes('event dropped: redis publish failed'))).toBe(true);
    } finally {
      await redis.start();
    }
    await expect
      .poll(async () => (await readiness()).status, { timeout: 15_000, interval: 100 })
      .toBe(200);

    // The subscription opened before the outage receives new changes again (no app restart),
    // and so does a new one.
    const after = new Subscription(ws, TodosChanged);
    await expect
      .poll(
        async () => {
          await client.ok(AddTodo, { title: `after ${Date.now()}` });
          return before.received.length > 1 && after.received.length > 0;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
    const latest = before.received.at(-1)!.data!.todosChanged.map((x) => x.title);
    expect(latest).toContain('during the outage');
    before.close();
    after.close();
    await ws.dispose();
  }, 60_000);

  it('paced seat subscribers (one shared listener per instance) resume too and end on the committed value', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 5 });
    const students = await Promise.all(Array.from({ length: 3 }, () => createStudent(t.app, term)));
    const ws = t.client.ws({ token: null });
    const base = t.app.infra.pubsub.activeSubscriptions;
    const before = [1, 2].map(
      () => new Subscription(ws, CourseStockChanged, { courseIds: [course.id] }),
    );
    await waitForSubscribers(t.app, base + 2, 15_000);
    await t.client.as(students[0]!.token).ok(Enroll, { courseId: course.id });
    for (const sub of before) await sub.waitFor(1, 15_000);

    await redis.stop();
    try {
      await expect
        .poll(async () => (await readiness()).status, { timeout: 10_000, interval: 100 })
        .toBe(503);
      await t.client.as(students[1]!.token).ok(Enroll, { courseId: course.id }); // event lost
    } finally {
      await redis.start();
    }
    await expect
      .poll(async () => (await readiness()).status, { timeout: 15_000, interval: 100 })
      .toBe(200);

    const after = new Subscription(ws, CourseStockChanged, { courseIds: [course.id] });
    await waitForSubscribers(t.app, base + 3, 15_000);
    // Redis re-subscribes in the background: repeat a change until it reaches everyone.
    const last = (sub: typeof after) => sub.received.at(-1)?.data?.courseStockChanged.remaining;
    const third = t.client.as(students[2]!.token);
    await third.ok(Enroll, { courseId: course.id }); // 3 of 5 taken
    await expect
      .poll(
        async () => {
          if ([...before, after].every((sub) => last(sub) === 2)) return true;
          await third.ok(DropCourse, { courseId: course.id });
          await third.ok(Enroll, { courseId: course.id });
          return false;
        },
        { timeout: 15_000, interval: 700 },
      )
      .toBe(true);
    for (const sub of [...before, after]) sub.close();
    await ws.dispose();
  }, 60_000);
});
