import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/modules/accounts/index.js';
import {
  LoginCompleted,
  MeWechat,
  MiniProgramLogin,
  QrLoginStatus,
  StartQrLogin,
} from '../documents/wechat.js';
import { runRedisUrl, startTestApp, waitForSubscribers, type TestApp } from '../helpers/app.js';
import { Subscription } from '../helpers/client.js';
import {
  SPECIAL_CODES,
  startFakeWechat,
  WEB_APP,
  wechatEnv,
  type FakeWechat,
} from '../helpers/fake-wechat.js';
import { uniqueName } from '../factories/users.js';

let fake: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  fake = await startFakeWechat();
  t = await startTestApp({ env: { ...wechatEnv(fake), SESSION_POLICY: 'multi' } });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function callback(app: TestApp, code: string, state: string) {
  const response = await fetch(
    `${app.url}/auth/wechat/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
  );
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const userCount = () => t.app.orm.em.fork().count(User);

describe('startWechatQrLogin', () => {
  it('returns an unguessable state and the qrconnect URL', async () => {
    const { startWechatQrLogin: qr } = await t.client.ok(StartQrLogin);
    expect(qr.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(qr.state, 'base64url')).toHaveLength(32);
    const redirect = encodeURIComponent('https://campus.example.com/auth/wechat/callback');
    expect(qr.authorizeUrl).toBe(
      `https://open.weixin.qq.com/connect/qrconnect?appid=${WEB_APP.appId}&redirect_uri=${redirect}&response_type=code&scope=snsapi_login&state=${qr.state}#wechat_redirect`,
    );
    const ttl = new Date(qr.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(4.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(5 * 60_000);
    expect((await t.client.ok(StartQrLogin)).startWechatQrLogin.state).not.toBe(qr.state);
  });
});

describe('QR login completion', () => {
  it('subscribe → callback: the subscriber receives a working token once, then the subscription completes', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    expect((await t.client.ok(QrLoginStatus, { state })).wechatQrLoginStatus).toBe('PENDING');
    const ws = t.client.ws();
    try {
      const base = t.app.infra.pubsub.activeSubscriptions;
      const sub = new Subscription(ws, LoginCompleted, { state });
      await waitForSubscribers(t.app, base + 1);
      const person = {
        openid: uniqueName('web'),
        unionid: uniqueName('u'),
        nickname: '小红',
        headimgurl: 'https://thirdwx.qlogo.cn/a.png',
        sex: 2,
      };
      const page = await callback(t, fake.webCode(person), state);
      expect(page.status).toBe(200);
      const received = await sub.waitFor(1);
      const payload = received.data!.wechatLoginCompleted;
      expect(payload.user).toMatchObject({
        nickname: '小红',
        avatarUrl: person.headimgurl,
        gender: 'FEMALE',
        wechatBound: true,
      });
      await sub.waitForEnd();
      expect(sub.received).toHaveLength(1);
      expect((await t.client.as(payload.accessToken).ok(MeWechat)).me?.id).toBe(payload.user.id);
      expect((await t.client.ok(QrLoginStatus, { state })).wechatQrLoginStatus).toBe('COMPLETED');
      const calls = fake.requests.filter((r) => r.path.startsWith('/sns/'));
      expect(calls.at(-2)?.query).toMatchObject({
        appid: WEB_APP.appId,
        secret: WEB_APP.secret,
        grant_type: 'authorization_code',
      });
      expect(calls.at(-1)?.query).toMatchObject({ openid: person.openid, lang: 'zh_CN' });
    } finally {
      await ws.dispose();
    }
  });

  it('callback first → a late subscriber still receives the result at once', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    expect((await callback(t, fake.webCode({ openid: uniqueName('late') }), state)).status).toBe(
      200,
    );
    const ws = t.client.ws();
    try {
      const sub = new Subscription(ws, LoginCompleted, { state });
      const payload = (await sub.waitFor(1)).data!.wechatLoginCompleted;
      expect((await t.client.as(payload.accessToken).ok(MeWechat)).me?.id).toBe(payload.user.id);
      await sub.waitForEnd();
    } finally {
      await ws.dispose();
    }
  });

  it('refuses a replayed or unknown state with a 400 page and creates nothing', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    expect((await callback(t, fake.webCode({ openid: uniqueName('once') }), state)).status).toBe(
      200,
    );
    const before = await userCount();
    const replay = await callback(t, fake.webCode({ openid: uniqueName('replay') }), state);
    expect(replay.status).toBe(400);
    const unknown = await callback(
      t,
      fake.webCode({ openid: uniqueName('unknown') }),
      'A'.repeat(43),
    );
    expect(unknown.status).toBe(400);
    expect((await callback(t, '', '')).status).toBe(400);
    expect(await userCount()).toBe(before);
  });

  it('answers a safe UTF-8 page: no script, no token, framable only by this site and allowed origins', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    const page = await callback(t, fake.webCode({ openid: uniqueName('page') }), state);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'self'/,
    );
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.body).toContain('登录成功');
    expect(page.body).not.toMatch(/<script|eyJ|state=/);
  });

  it('a WeChat failure answers 502 and ends the subscription with WECHAT_ERROR', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    const ws = t.client.ws();
    try {
      const base = t.app.infra.pubsub.activeSubscriptions;
      const sub = new Subscription(ws, LoginCompleted, { state });
      await waitForSubscribers(t.app, base + 1);
      expect((await callback(t, SPECIAL_CODES.busy, state)).status).toBe(502);
      const result = await sub.waitFor(1);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'WECHAT_ERROR', errcode: -1 });
      await sub.waitForEnd();
      expect((await t.client.ok(QrLoginStatus, { state })).wechatQrLoginStatus).toBe('EXPIRED');
    } finally {
      await ws.dispose();
    }
  });

  it('unknown and expired states read EXPIRED and end subscriptions with INVALID_CODE', async () => {
    expect((await t.client.ok(QrLoginStatus, { state: 'B'.repeat(43) })).wechatQrLoginStatus).toBe(
      'EXPIRED',
    );
    expect((await t.client.ok(QrLoginStatus, { state: 'not valid!' })).wechatQrLoginStatus).toBe(
      'EXPIRED',
    );
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    await t.app.infra.kv.delete(`wechat-qr:${state}`); // what expiry does
    expect((await t.client.ok(QrLoginStatus, { state })).wechatQrLoginStatus).toBe('EXPIRED');
    const ws = t.client.ws();
    try {
      const sub = new Subscription(ws, LoginCompleted, { state });
      expect((await sub.waitFor(1)).errors?.[0]?.extensions?.code).toBe('INVALID_CODE');
      await sub.waitForEnd();
    } finally {
      await ws.dispose();
    }
  });

  it('a pending state that expires while subscribed ends the subscription with INVALID_CODE', async () => {
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    await t.app.infra.kv.set(`wechat-qr:${state}`, JSON.stringify({ status: 'PENDING' }), 400);
    const ws = t.client.ws();
    try {
      const sub = new Subscription(ws, LoginCompleted, { state });
      expect((await sub.waitFor(1, 3_000)).errors?.[0]?.extensions?.code).toBe('INVALID_CODE');
    } finally {
      await ws.dispose();
    }
  });

  it('the same unionid through the mini-program and the website is one user', async () => {
    const unionid = uniqueName('person');
    const mini = await t.client.ok(MiniProgramLogin, {
      code: fake.miniCode({ openid: uniqueName('mp'), unionid }),
    });
    const { state } = (await t.client.ok(StartQrLogin)).startWechatQrLogin;
    await callback(t, fake.webCode({ openid: uniqueName('web'), unionid }), state);
    const ws = t.client.ws();
    try {
      const sub = new Subscription(ws, LoginCompleted, { state });
      expect((await sub.waitFor(1)).data!.wechatLoginCompleted.user.id).toBe(
        mini.wechatMiniProgramLogin.user.id,
      );
    } finally {
      await ws.dispose();
    }
  });
});

describe.skipIf(!runRedisUrl())('two instances sharing PostgreSQL and Redis', () => {
  it('callback on one instance, subscription on the other', async () => {
    const a = await startTestApp({ env: wechatEnv(fake) });
    const b = await startTestApp({
      env: wechatEnv(fake),
      databaseUrl: a.databaseUrl,
      redisKeyPrefix: a.redisKeyPrefix,
    });
    const ws = b.client.ws();
    try {
      const { state } = (await a.client.ok(StartQrLogin)).startWechatQrLogin;
      const base = b.app.infra.pubsub.activeSubscriptions;
      const sub = new Subscription(ws, LoginCompleted, { state });
      await waitForSubscribers(b.app, base + 1);
      expect((await callback(a, fake.webCode({ openid: uniqueName('multi') }), state)).status).toBe(
        200,
      );
      const payload = (await sub.waitFor(1)).data!.wechatLoginCompleted;
      expect((await b.client.as(payload.accessToken).ok(MeWechat)).me?.id).toBe(payload.user.id);
      expect((await b.client.ok(QrLoginStatus, { state })).wechatQrLoginStatus).toBe('COMPLETED');
    } finally {
      await ws.dispose();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
