import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Login, Logout, Me, Refresh, Register } from '../documents/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createUser, DEFAULT_PASSWORD, uniqueName } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('account lifecycle', () => {
  it('register → me → refresh (rotation) → reuse revokes the family → login ends the older session → logout', async () => {
    const username = uniqueName('life');
    const registered = (
      await t.client.ok(Register, { input: { username, password: 'password123' } })
    ).register;
    expect(registered.user).toMatchObject({ username, nickname: username, role: 'USER' });
    expect(new Date(registered.accessTokenExpiresAt).getTime()).toBeGreaterThan(
      Date.now() + 14 * 60_000,
    );

    const me = await t.client.as(registered.accessToken).ok(Me);
    expect(me.me?.id).toBe(registered.user.id);

    // Rotation: a new refresh token each time, and the access token keeps working.
    const rotated = (await t.client.ok(Refresh, { refreshToken: registered.refreshToken }))
      .refreshToken;
    expect(rotated.refreshToken).not.toBe(registered.refreshToken);
    expect((await t.client.as(rotated.accessToken).ok(Me)).me?.id).toBe(registered.user.id);

    // Presenting the already-rotated token again revokes the whole family.
    const reuse = await t.client.fail(Refresh, { refreshToken: registered.refreshToken });
    expect(reuse.extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await t.client.fail(Refresh, { refreshToken: rotated.refreshToken })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await t.client.as(rotated.accessToken).fail(Me)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    // Two logins: with SESSION_POLICY=single the second ends the first.
    const first = (await t.client.ok(Login, { username, password: 'password123' })).login;
    const second = (
      await t.client.ok(Login, {
        username: `  ${username.toUpperCase()} `,
        password: 'password123',
      })
    ).login;
    const ended = await t.client.as(first.accessToken).fail(Me);
    expect(ended).toMatchObject({ status: 401, extensions: { code: 'UNAUTHENTICATED' } });
    expect(
      (await t.client.fail(Refresh, { refreshToken: first.refreshToken })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await t.client.as(second.accessToken).ok(Me)).me?.username).toBe(username);

    // Logout revokes the current session at once.
    expect(await t.client.as(second.accessToken).ok(Logout)).toEqual({ logout: true });
    expect((await t.client.as(second.accessToken).fail(Me)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      (await t.client.fail(Refresh, { refreshToken: second.refreshToken })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await t.client.fail(Logout)).extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('anonymous me is null', async () => {
    expect(await t.client.ok(Me)).toEqual({ me: null });
  });

  it('usernames are unique ignoring case and surrounding spaces', async () => {
    const username = uniqueName('Dup');
    await t.client.ok(Register, { input: { username, password: 'password123' } });
    const clash = await t.client.fail(Register, {
      input: { username: ` ${username.toLowerCase()} `, password: 'password123' },
    });
    expect(clash.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
  });

  it('validates registration input and names the field', async () => {
    const cases = [
      [{ username: 'ab', password: 'password123' }, 'username'],
      [{ username: 'bad name!', password: 'password123' }, 'username'],
      [{ username: uniqueName(), password: 'short' }, 'password'],
      [{ username: uniqueName(), password: 'x'.repeat(129) }, 'password'],
      [{ username: uniqueName(), password: 'password123', email: 'not-an-email' }, 'email'],
      [{ username: uniqueName(), password: 'password123', nickname: 'n'.repeat(51) }, 'nickname'],
    ] as const;
    for (const [input, field] of cases) {
      const error = await t.client.fail(Register, { input });
      expect(error.extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });

  it('two concurrent refreshes of one token: exactly one succeeds', async () => {
    const username = uniqueName('race');
    const { register } = await t.client.ok(Register, {
      input: { username, password: 'password123' },
    });
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => t.client.request(Refresh, { refreshToken: register.refreshToken })),
    );
    expect(results.filter((r) => r.data?.refreshToken).length).toBe(1);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED').length,
    ).toBe(3);
  });

  it('unknown user and wrong password fail alike: same code, same message, similar time', async () => {
    const user = await createUser(t.app);
    const attempt = async (username: string) => {
      const started = performance.now();
      const error = await t.client.fail(Login, { username, password: 'wrong-password' });
      return { error, ms: performance.now() - started };
    };
    const wrong = [];
    const unknown = [];
    for (let i = 0; i < 4; i++) {
      wrong.push(await attempt(user.username!));
      unknown.push(await attempt(uniqueName('ghost')));
    }
    expect(wrong[0]!.error.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(unknown[0]!.error).toEqual(wrong[0]!.error);
    const median = (xs: { ms: number }[]) =>
      xs.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('brute-force limits', () => {
  it('refuses a username after 10 failed logins in 15 minutes, even with the right password', async () => {
    const user = await createUser(t.app);
    for (let i = 0; i < 10; i++) {
      expect(
        (await t.client.fail(Login, { username: user.username!, password: `wrong-${i}-pass` }))
          .extensions?.code,
      ).toBe('INVALID_CREDENTIALS');
    }
    const limited = await t.client.fail(Login, {
      username: user.username!,
      password: DEFAULT_PASSWORD,
    });
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(800);
    expect(limited.extensions?.retryAfterSeconds).toBeLessThanOrEqual(900);
    const response = await t.client.request(Login, {
      username: user.username!,
      password: DEFAULT_PASSWORD,
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('refuses an IP after 30 failed logins in 15 minutes, whatever the username', async () => {
    const ip = await startTestApp();
    try {
      for (let i = 0; i < 30; i++) {
        const error = await ip.client.fail(Login, {
          username: uniqueName('nobody'),
          password: 'wrong-password',
        });
        expect(error.extensions?.code).toBe('INVALID_CREDENTIALS');
      }
      const user = await createUser(ip.app);
      expect(
        (await ip.client.fail(Login, { username: user.username!, password: DEFAULT_PASSWORD }))
          .extensions?.code,
      ).toBe('RATE_LIMITED');
    } finally {
      await ip.close();
    }
  });
});

describe('SESSION_POLICY=multi', () => {
  it('keeps older sessions when the user logs in again', async () => {
    const multi = await startTestApp({ env: { SESSION_POLICY: 'multi' } });
    try {
      const user = await createUser(multi.app);
      const first = (
        await multi.client.ok(Login, { username: user.username!, password: DEFAULT_PASSWORD })
      ).login;
      await multi.client.ok(Login, { username: user.username!, password: DEFAULT_PASSWORD });
      expect((await multi.client.as(first.accessToken).ok(Me)).me?.id).toBe(user.id);
    } finally {
      await multi.close();
    }
  });
});
