import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/modules/accounts/index.js';
import { WechatIdentity } from '../../src/modules/wechat/index.js';
import { MeWechat, MiniProgramLogin } from '../documents/wechat.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  MP_APP,
  SPECIAL_CODES,
  startFakeWechat,
  wechatEnv,
  type FakeWechat,
} from '../helpers/fake-wechat.js';
import { uniqueName } from '../factories/users.js';

let fake: FakeWechat;
let t: TestApp;
const responses: string[] = [];
beforeAll(async () => {
  fake = await startFakeWechat();
  t = await startTestApp({ env: { ...wechatEnv(fake), SESSION_POLICY: 'multi' } });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function login(code: string) {
  const result = await t.client.request(MiniProgramLogin, { code });
  responses.push(JSON.stringify(result));
  return result;
}

describe('wechatMiniProgramLogin', () => {
  it('creates an account on the first login and reuses it afterwards', async () => {
    const person = { openid: uniqueName('o') };
    const first = await login(fake.miniCode(person));
    expect(first.errors).toBeUndefined();
    const user = first.data!.wechatMiniProgramLogin.user;
    expect(user).toMatchObject({ username: null, nickname: '微信用户', wechatBound: true });
    const second = await login(fake.miniCode(person));
    expect(second.data!.wechatMiniProgramLogin.user.id).toBe(user.id);

    const me = await t.client.as(second.data!.wechatMiniProgramLogin.accessToken).ok(MeWechat);
    expect(me.me).toEqual({ id: user.id, wechatBound: true });
    const call = fake.requests.find((r) => r.path === '/sns/jscode2session')!;
    expect(call.query).toMatchObject({
      appid: MP_APP.appId,
      secret: MP_APP.secret,
      grant_type: 'authorization_code',
    });
    expect(await t.app.orm.em.fork().count(WechatIdentity, { openid: person.openid })).toBe(1);
  });

  it('answers INVALID_CODE for invalid, used and high-risk codes', async () => {
    const code = fake.miniCode({ openid: uniqueName('o') });
    await login(code);
    for (const bad of [SPECIAL_CODES.invalid, 'never-issued', code, SPECIAL_CODES.risky]) {
      const result = await login(bad);
      expect(result.errors?.[0]?.extensions?.code, bad).toBe('INVALID_CODE');
    }
    expect((await login(code)).errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_CODE',
      errcode: 40163,
    });
  });

  it('answers WECHAT_ERROR with the errcode for other failures, timeouts and non-JSON answers', async () => {
    expect((await login(SPECIAL_CODES.busy)).errors?.[0]?.extensions).toEqual({
      code: 'WECHAT_ERROR',
      errcode: -1,
    });
    expect((await login(SPECIAL_CODES.slow)).errors?.[0]?.extensions).toEqual({
      code: 'WECHAT_ERROR',
      errcode: null,
      reason: 'TIMEOUT',
    });
    expect((await login(SPECIAL_CODES.notJson)).errors?.[0]?.extensions).toEqual({
      code: 'WECHAT_ERROR',
      errcode: null,
      reason: 'BAD_RESPONSE',
    });
    expect((await login('   ')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
  });

  it('creates one account when the same person’s first logins race', async () => {
    const person = { openid: uniqueName('race'), unionid: uniqueName('union') };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => login(fake.miniCode(person))),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    const ids = new Set(results.map((r) => r.data!.wechatMiniProgramLogin.user.id));
    expect(ids.size).toBe(1);
    const em = t.app.orm.em.fork();
    expect(await em.count(User, { wechatUnionid: person.unionid })).toBe(1);
    expect(await em.count(WechatIdentity, { openid: person.openid })).toBe(1);
  });

  it('never sends the session_key (or the app secret) to a client', () => {
    const text = responses.join('\n');
    expect(text).not.toMatch(/session_key|sessionKey|sk-/);
    expect(text).not.toContain(MP_APP.secret);
  });

  it('answers WECHAT_ERROR when mini-program login is not configured', async () => {
    const bare = await startTestApp();
    try {
      expect((await bare.client.fail(MiniProgramLogin, { code: 'x' })).extensions).toMatchObject({
        code: 'WECHAT_ERROR',
        reason: 'NOT_CONFIGURED',
      });
    } finally {
      await bare.close();
    }
  });
});
