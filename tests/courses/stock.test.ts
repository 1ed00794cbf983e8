import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Course } from '../../src/modules/courses/index.js';
import { Role } from '../../src/modules/accounts/index.js';
import { CourseStockChanged, DropCourse, Enroll, UpdateCourse } from '../documents/courses.js';
import { runRedisUrl, startTestApp, waitForSubscribers, type TestApp } from '../helpers/app.js';
import { sleep, Subscription } from '../helpers/client.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function subscribe(app: TestApp, courseIds?: string[]) {
  const ws = app.client.ws({ token: null });
  const base = app.app.infra.pubsub.activeSubscriptions;
  const sub = new Subscription(ws, CourseStockChanged, courseIds ? { courseIds } : {});
  await waitForSubscribers(app.app, base + 1);
  return { sub, close: () => ws.dispose() };
}

describe('courseStockChanged', () => {
  it('pushes enrol, drop and capacity changes; filters by course ids; anonymous subscribers welcome', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 3 });
    const other = await createCourse(t.app, period, { weekday: 2 });
    const all = await subscribe(t);
    const onlyOther = await subscribe(t, [other.id]);
    try {
      const student = await createStudent(t.app, term);
      await t.client.as(student.token).ok(Enroll, { courseId: course.id });
      expect((await all.sub.waitFor(1)).data?.courseStockChanged).toEqual({
        courseId: course.id,
        remaining: 2,
        capacity: 3,
      });
      await t.client.as(student.token).ok(DropCourse, { courseId: course.id });
      expect((await all.sub.waitFor(2)).data?.courseStockChanged).toEqual({
        courseId: course.id,
        remaining: 3,
        capacity: 3,
      });
      const admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
      await admin.ok(UpdateCourse, { id: course.id, input: { capacity: 10 } });
      expect((await all.sub.waitFor(3)).data?.courseStockChanged).toEqual({
        courseId: course.id,
        remaining: 10,
        capacity: 10,
      });
      await sleep(200);
      expect(onlyOther.sub.received).toHaveLength(0);
      await t.client.as(student.token).ok(Enroll, { courseId: other.id });
      expect((await onlyOther.sub.waitFor(1)).data?.courseStockChanged.courseId).toBe(other.id);
    } finally {
      await all.close();
      await onlyOther.close();
    }
  });

  it('after a burst, each subscriber’s last event equals the committed remaining, and values only go down', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 25 });
    const watchers = await Promise.all([
      subscribe(t, [course.id]),
      subscribe(t, [course.id]),
      subscribe(t),
    ]);
    try {
      const students = await Promise.all(
        Array.from({ length: 40 }, () => createStudent(t.app, term)),
      );
      await Promise.all(
        students.map((s) => t.client.as(s.token).request(Enroll, { courseId: course.id })),
      );
      const committed = (await t.app.orm.em.fork().findOneOrFail(Course, course.id)).remaining;
      expect(committed).toBe(0);
      for (const { sub } of watchers) {
        await expect
          .poll(() => sub.received.at(-1)?.data?.courseStockChanged.remaining, { timeout: 5_000 })
          .toBe(committed);
        const values = sub.received.map((r) => r.data!.courseStockChanged.remaining);
        expect(values).toEqual([...values].sort((a, b) => b - a));
        expect(new Set(values).size).toBe(values.length);
      }
    } finally {
      for (const w of watchers) await w.close();
    }
  });

  it('refuses more than 500 course ids', async () => {
    const ws = t.client.ws({ token: null });
    try {
      const sub = new Subscription(ws, CourseStockChanged, {
        courseIds: Array.from({ length: 501 }, (_, i) => String(i + 1)),
      });
      expect((await sub.waitFor(1)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'courseIds',
      });
    } finally {
      await ws.dispose();
    }
  });
});

describe.skipIf(!runRedisUrl())('across instances', () => {
  it('subscribers on a second instance receive the stock events of enrolments made on the first', async () => {
    const b = await startTestApp({ databaseUrl: t.databaseUrl, redisKeyPrefix: t.redisKeyPrefix });
    const watcher = await subscribe(b);
    try {
      const { term, period } = await createSelectionScene(t.app);
      const course = await createCourse(t.app, period, { capacity: 2 });
      const student = await createStudent(t.app, term);
      await t.client.as(student.token).ok(Enroll, { courseId: course.id });
      expect((await watcher.sub.waitFor(1)).data?.courseStockChanged).toEqual({
        courseId: course.id,
        remaining: 1,
        capacity: 2,
      });
    } finally {
      await watcher.close();
      await b.close();
    }
  });
});
