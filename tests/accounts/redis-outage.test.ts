import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me, UpdateProfile } from '../documents/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from '../helpers/redis.js';
import { signedInUser } from '../factories/users.js';

describe.skipIf(!hasRedisServer())('sessions do not depend on Redis', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await startTestApp({ redis: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('a FLUSHALL logs nobody out', async () => {
    const users = await Promise.all([1, 2, 3].map(() => signedInUser(t.app)));
    const admin = new Redis(redis.url);
    expect(await admin.flushall()).toBe('OK');
    await admin.quit();
    for (const u of users) expect((await t.client.as(u.token).ok(Me)).me?.id).toBe(u.user.id);
  });

  it('with Redis down, signed-in users stay signed in and can write', async () => {
    const alice = await signedInUser(t.app);
    await redis.stop();
    try {
      const client = t.client.as(alice.token);
      expect((await client.ok(Me)).me?.id).toBe(alice.user.id);
      expect(
        (await client.ok(UpdateProfile, { input: { nickname: 'still here' } })).updateProfile
          .nickname,
      ).toBe('still here');
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { database: 'up', redis: 'down' } });
    } finally {
      await redis.start();
    }
  });
});
