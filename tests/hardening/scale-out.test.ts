import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logout, Me } from '../documents/accounts.js';
import { Enroll } from '../documents/courses.js';
import { AddTodo, TodosChanged } from '../documents/todos.js';
import { LoginCompleted, StartQrLogin } from '../documents/wechat.js';
import { runRedisUrl, startTestApp, waitForSubscribers, type TestApp } from '../helpers/app.js';
import { Subscription } from '../helpers/client.js';
import { startFakeWechat, wechatEnv, type FakeWechat } from '../helpers/fake-wechat.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { signedInUser, uniqueName } from '../factories/users.js';

/**
 * Two instances behind an imagined load balancer, sharing one PostgreSQL and
 * one Redis (same key prefix): whatever a client does on one instance, a
 * client of the other sees.
 */
describe.skipIf(!runRedisUrl())('two instances, one PostgreSQL, one Redis', () => {
  let fake: FakeWechat;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    fake = await startFakeWechat();
    const env = { ...wechatEnv(fake), RATE_LIMIT_USER_PER_MINUTE: '40', STOCK_PUSH_INTERVAL: '0' };
    a = await startTestApp({ env });
    b = await startTestApp({
      env,
      databaseUrl: a.databaseUrl,
      redisKeyPrefix: a.redisKeyPrefix,
    });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await fake?.close();
  });

  it('seat counts: an enrolment on A reaches a subscriber on B', async () => {
    const { term, period } = await createSelectionScene(a.app);
    const course = await createCourse(a.app, period, { capacity: 5 });
    const student = await createStudent(a.app, term);
    const ws = b.client.ws();
    try {
      const base = b.app.infra.pubsub.activeSubscriptions;
      const seats = new Subscription(
        ws,
        `subscription($ids: [ID!]) { courseStockChanged(courseIds: $ids) { courseId remaining } }`,
        { ids: [course.id] },
      );
      await waitForSubscribers(b.app, base + 1);
      await a.client.as(student.token).ok(Enroll, { courseId: course.id });
      expect((await seats.waitFor(1)).data).toEqual({
        courseStockChanged: { courseId: course.id, remaining: 4 },
      });
    } finally {
      await ws.dispose();
    }
  });

  it('todo sync: a change on A reaches the same user’s other device on B', async () => {
    const user = await signedInUser(a.app);
    const ws = b.client.as(user.token).ws();
    try {
      const base = b.app.infra.pubsub.activeSubscriptions;
      const todos = new Subscription(ws, TodosChanged);
      await waitForSubscribers(b.app, base + 1);
      await a.client.as(user.token).ok(AddTodo, { title: '在 A 上添加' });
      const update = await todos.waitFor(1);
      expect(update.data!.todosChanged.map((x) => x.title)).toEqual(['在 A 上添加']);
    } finally {
      await ws.dispose();
    }
  });

  it('QR login: started on A, confirmed through A’s callback, completed on a subscription on B', async () => {
    const ws = b.client.ws();
    try {
      const { state } = (await a.client.ok(StartQrLogin)).startWechatQrLogin;
      const base = b.app.infra.pubsub.activeSubscriptions;
      const completed = new Subscription(ws, LoginCompleted, { state });
      await waitForSubscribers(b.app, base + 1);
      const code = fake.webCode({ openid: uniqueName('scale') });
      const page = await fetch(
        `${a.url}/auth/wechat/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
      );
      expect(page.status).toBe(200);
      const payload = (await completed.waitFor(1)).data!.wechatLoginCompleted;
      expect((await a.client.as(payload.accessToken).ok(Me)).me?.id).toBe(payload.user.id);
    } finally {
      await ws.dispose();
    }
  });

  it('session revocation: logging out on A ends the session on B, sockets included', async () => {
    const user = await signedInUser(a.app);
    const onB = b.client.as(user.token);
    expect((await onB.ok(Me)).me?.id).toBe(user.user.id);
    const ws = onB.ws({ lazy: false });
    const closed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as CloseEvent).code)),
    );
    try {
      const base = b.app.infra.pubsub.activeSubscriptions;
      new Subscription(ws, TodosChanged);
      await waitForSubscribers(b.app, base + 1);
      await a.client.as(user.token).ok(Logout);
      expect(await closed).toBe(4403);
      expect((await onB.fail(Me)).extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await ws.dispose();
    }
  });

  it('rate limits: one bucket per user across instances', async () => {
    const user = await signedInUser(a.app);
    const ask = (app: TestApp) => app.client.as(user.token).request('{ __typename }');
    for (let i = 0; i < 20; i++) expect((await ask(a)).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await ask(b)).status).toBe(200);
    const refused = await ask(a);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await ask(b)).status).toBe(429);
  });
});
