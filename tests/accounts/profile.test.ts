import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me, UpdateProfile } from '../documents/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('updateProfile', () => {
  it('completes the profile; omitted fields stay, null clears', async () => {
    const alice = await signedInUser(t.app);
    const client = t.client.as(alice.token);
    const { updateProfile } = await client.ok(UpdateProfile, {
      input: {
        nickname: ' 小明 ',
        avatarUrl: 'https://example.com/a.png',
        gender: 'MALE',
        email: 'ming@example.com',
        phone: '13800138000',
        realName: '王小明',
        college: '计算机学院',
        major: '软件工程',
        className: '软件 2101',
      },
    });
    expect(updateProfile).toMatchObject({
      nickname: '小明',
      gender: 'MALE',
      phone: '13800138000',
      realName: '王小明',
    });
    const cleared = await client.ok(UpdateProfile, { input: { phone: null, college: null } });
    expect(cleared.updateProfile).toMatchObject({
      phone: null,
      college: null,
      major: '软件工程',
      nickname: '小明',
    });
    expect((await client.ok(Me)).me).toMatchObject({ phone: null, email: 'ming@example.com' });
  });

  it('validates each field and names it', async () => {
    const alice = await signedInUser(t.app);
    const client = t.client.as(alice.token);
    const cases = [
      [{ phone: '12345' }, 'phone'],
      [{ phone: '23800138000' }, 'phone'],
      [{ email: 'nope' }, 'email'],
      [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
      [{ nickname: null }, 'nickname'],
      [{ nickname: '   ' }, 'nickname'],
      [{ nickname: 'x'.repeat(51) }, 'nickname'],
      [{ realName: 'x'.repeat(51) }, 'realName'],
    ] as const;
    for (const [input, field] of cases) {
      const error = await client.fail(UpdateProfile, { input });
      expect(error.extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(
      (await t.client.fail(UpdateProfile, { input: { nickname: 'x' } })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });
});
