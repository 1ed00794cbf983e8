import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, User } from '../../src/modules/accounts/index.js';
import { CreateUser, ImportUsers, Login, Me, ResetPassword } from '../documents/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { DEFAULT_PASSWORD, signedInUser, uniqueName } from '../factories/users.js';

let t: TestApp;
let adminToken: string;
let userToken: string;
beforeAll(async () => {
  t = await startTestApp();
  adminToken = (await signedInUser(t.app, { role: Role.ADMIN })).token;
  userToken = (await signedInUser(t.app)).token;
});
afterAll(() => t?.close());

describe('admin guards', () => {
  it('refuses createUser, importUsers and resetPassword: FORBIDDEN for users, UNAUTHENTICATED for anonymous', async () => {
    const ops = [
      [CreateUser, { input: { username: uniqueName(), password: 'password123' } }],
      [ImportUsers, { csv: 'username,password,realName,email,termIndex\n' }],
      [ResetPassword, { userId: '1', newPassword: 'password123' }],
    ] as const;
    for (const [doc, vars] of ops) {
      expect(
        (await t.client.as(userToken).fail(doc as never, vars as never)).extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await t.client.fail(doc as never, vars as never)).extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
  });
});

describe('createUser', () => {
  it('creates a student who can log in, and refuses a taken username', async () => {
    const admin = t.client.as(adminToken);
    const username = uniqueName('20260');
    const created = await admin.ok(CreateUser, {
      input: { username, password: 'student-pass', realName: '张三', email: 'zhang@example.com' },
    });
    expect(created.createUser).toMatchObject({
      username,
      role: 'USER',
      realName: '张三',
      email: 'zhang@example.com',
    });
    await t.client.ok(Login, { username, password: 'student-pass' });
    const clash = await admin.fail(CreateUser, {
      input: { username: username.toUpperCase(), password: 'student-pass' },
    });
    expect(clash.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const staff = await admin.ok(CreateUser, {
      input: { username: uniqueName('staff'), password: 'staff-pass-1', role: 'ADMIN' },
    });
    expect(staff.createUser.role).toBe('ADMIN');
  });
});

describe('importUsers', () => {
  it('creates the valid lines in one go and reports each bad line by number', async () => {
    const admin = t.client.as(adminToken);
    const taken = (await signedInUser(t.app)).user.username!;
    const a = uniqueName('imp');
    const b = uniqueName('imp');
    const c = uniqueName('imp');
    const csv = [
      'username,password,realName,email,termIndex',
      `${a},password-a1,"Li, Lei",li@example.com,`,
      `${b},short,Bad Password,,`,
      `${c},"pass""word""1","Han
Meimei",han@example.com,`,
      `x!,password-x1,Bad Name,,`,
      `${uniqueName('imp')},password-e1,Bad Email,not-an-email,`,
      `${uniqueName('imp')},password-t1,Bad Term,,first`,
      `${a.toUpperCase()},password-dup,Duplicate In File,,`,
      `${taken},password-taken,Already Exists,,`,
      `${uniqueName('imp')},too,few`,
      '',
    ].join('\r\n');
    const { importUsers } = await admin.ok(ImportUsers, { csv: `\uFEFF${csv}` });
    expect(importUsers.created).toBe(2);
    expect(importUsers.skipped).toBe(2);
    expect(importUsers.errors).toEqual([
      expect.stringMatching(/^line 3: Password must be 8 to 128 characters/),
      expect.stringMatching(/^line 6: Username/),
      expect.stringMatching(/^line 7: Not a valid email/),
      expect.stringMatching(/^line 8: termIndex must be a whole number from 1 to 9999/),
      expect.stringMatching(/^line 11: expected 5 fields, got 3/),
    ]);
    const em = t.app.orm.em.fork();
    const li = await em.findOneOrFail(User, { username: a });
    expect(li).toMatchObject({ realName: 'Li, Lei', email: 'li@example.com', term: null });
    const han = await em.findOneOrFail(User, { username: c });
    expect(han.realName).toBe('Han\nMeimei');
    await t.client.ok(Login, { username: c, password: 'pass"word"1' });
    expect(await em.count(User, { username: b })).toBe(0);
  });

  it('refuses a file without the header, with a broken quote, or over 10,000 lines', async () => {
    const admin = t.client.as(adminToken);
    expect((await admin.fail(ImportUsers, { csv: 'name,pass\nx,y' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'csv',
    });
    expect(
      (await admin.fail(ImportUsers, { csv: 'username,password\n"abc,password1' })).extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    const big = [
      'username,password,realName,email,termIndex',
      ...Array.from({ length: 10_001 }, (_, i) => `u${i},password${i},,,`),
    ].join('\n');
    const error = await admin.fail(ImportUsers, { csv: big });
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'csv' } });
    expect(error.message).toMatch(/10000/);
  });
});

describe('resetPassword', () => {
  it('sets the password and ends the user’s sessions', async () => {
    const victim = await signedInUser(t.app);
    expect(
      await t.client
        .as(adminToken)
        .ok(ResetPassword, { userId: victim.user.id, newPassword: 'reset-by-admin' }),
    ).toEqual({
      resetPassword: true,
    });
    expect((await t.client.as(victim.token).fail(Me)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await t.client.fail(Login, { username: victim.user.username!, password: DEFAULT_PASSWORD }))
        .extensions?.code,
    ).toBe('INVALID_CREDENTIALS');
    await t.client.ok(Login, { username: victim.user.username!, password: 'reset-by-admin' });
  });

  it('answers NOT_FOUND for unknown or malformed ids', async () => {
    for (const userId of ['999999999', 'abc', '-1']) {
      expect(
        (
          await t.client
            .as(adminToken)
            .fail(ResetPassword, { userId, newPassword: 'reset-by-admin' })
        ).extensions?.code,
      ).toBe('NOT_FOUND');
    }
  });
});

describe('admin bootstrap', () => {
  it('creates ADMIN_USERNAME once, even when instances start at the same time', async () => {
    const databaseUrl = await createTestDatabase();
    const env = { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'root-password-1' };
    const [one, two] = await Promise.all([
      startTestApp({ databaseUrl, env }),
      startTestApp({ databaseUrl, env }),
    ]);
    try {
      const em = one.app.orm.em.fork();
      expect(await em.count(User, { role: Role.ADMIN })).toBe(1);
      const login = await one.client.ok(Login, { username: 'root', password: 'root-password-1' });
      expect(login.login.user.role).toBe('ADMIN');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
    const again = await startTestApp({
      databaseUrl,
      env: { ...env, ADMIN_PASSWORD: 'a-different-password' },
    });
    try {
      await again.client.ok(Login, { username: 'root', password: 'root-password-1' });
      expect(await again.app.orm.em.fork().count(User, { username: 'root' })).toBe(1);
    } finally {
      await again.close();
    }
  });
});
