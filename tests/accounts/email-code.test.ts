import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailQueue } from '../../src/infra/mail-queue.js';
import { ChangePassword, Login, Me, RequestEmailCode } from '../documents/accounts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { codeFrom, startFakeSmtp, type FakeSmtp } from '../helpers/smtp.js';
import { DEFAULT_PASSWORD, signedInUser, uniqueName } from '../factories/users.js';

let t: TestApp;
let smtp: FakeSmtp;
beforeAll(async () => {
  smtp = await startFakeSmtp();
  t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'campus@example.com' } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const emailOf = (name: string) => `${name}@example.com`;

/** Forgets the one-minute windows, as if a minute had passed. */
async function letAMinutePass(userId: string) {
  const kv = t.app.infra.kv;
  await kv.delete(`rl:email-code:user:${userId}`);
  await kv.delete('rl:email-code:ip:127.0.0.1');
}

async function freshIpWindows() {
  const kv = t.app.infra.kv;
  await kv.delete('rl:email-code:ip:127.0.0.1');
  await kv.delete('rl:email-code:ip-day:127.0.0.1');
}

describe('email code and password change', () => {
  it('mails a code through SMTP; changePassword consumes it and ends every session', async () => {
    await freshIpWindows();
    const name = uniqueName('mail');
    const alice = await signedInUser(t.app, { username: name, email: emailOf(name) });
    const client = t.client.as(alice.token);
    const sent = smtp.mails.length;

    const started = Date.now();
    expect(
      await client.ok(RequestEmailCode, { email: ` ${emailOf(name).toUpperCase()} ` }),
    ).toEqual({ requestEmailCode: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    const mail = await smtp.waitFor(sent + 1);
    expect(mail.to).toEqual([emailOf(name)]);
    expect(mail.from).toBe('campus@example.com');
    const code = codeFrom(mail);

    expect(
      await client.ok(ChangePassword, { input: { code, newPassword: 'a brand new secret' } }),
    ).toEqual({ changePassword: true });
    expect((await client.fail(Me)).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await t.client.fail(Login, { username: name, password: DEFAULT_PASSWORD })).extensions?.code,
    ).toBe('INVALID_CREDENTIALS');
    const login = await t.client.ok(Login, { username: name, password: 'a brand new secret' });

    // The used code cannot be used again.
    const again = await t.client
      .as(login.login.accessToken)
      .fail(ChangePassword, { input: { code, newPassword: 'yet another secret' } });
    expect(again.extensions?.code).toBe('INVALID_CODE');
  });

  it('refuses an email that is not the account’s, and anonymous callers', async () => {
    const name = uniqueName('other');
    const bob = await signedInUser(t.app, { username: name, email: emailOf(name) });
    const error = await t.client
      .as(bob.token)
      .fail(RequestEmailCode, { email: 'someone-else@example.com' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const noEmail = await signedInUser(t.app);
    expect(
      (await t.client.as(noEmail.token).fail(RequestEmailCode, { email: 'x@example.com' }))
        .extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await t.client.fail(RequestEmailCode, { email: 'x@example.com' })).extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('limits codes to one per minute per account and per IP, and five per day per IP', async () => {
    await freshIpWindows();
    const users = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async () => {
        const name = uniqueName('rate');
        return signedInUser(t.app, { username: name, email: emailOf(name) });
      }),
    );
    const [first, second] = users;
    await t.client.as(first!.token).ok(RequestEmailCode, { email: emailOf(first!.user.username!) });
    const perAccount = await t.client
      .as(first!.token)
      .fail(RequestEmailCode, { email: emailOf(first!.user.username!) });
    expect(perAccount.extensions?.code).toBe('RATE_LIMITED');
    expect(perAccount.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(perAccount.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    const perIp = await t.client
      .as(second!.token)
      .fail(RequestEmailCode, { email: emailOf(second!.user.username!) });
    expect(perIp.extensions?.code).toBe('RATE_LIMITED');

    for (const u of users.slice(1, 5)) {
      await letAMinutePass(u.user.id);
      await t.client.as(u.token).ok(RequestEmailCode, { email: emailOf(u.user.username!) });
    }
    await letAMinutePass(users[5]!.user.id);
    const daily = await t.client
      .as(users[5]!.token)
      .fail(RequestEmailCode, { email: emailOf(users[5]!.user.username!) });
    expect(daily.extensions?.code).toBe('RATE_LIMITED');
    expect(daily.extensions?.retryAfterSeconds).toBeGreaterThan(86_000);
  });

  it('counts wrong codes: after five the code is dead; expired codes are refused', async () => {
    await freshIpWindows();
    const name = uniqueName('wrong');
    const carol = await signedInUser(t.app, { username: name, email: emailOf(name) });
    const client = t.client.as(carol.token);
    const sent = smtp.mails.length;
    await client.ok(RequestEmailCode, { email: emailOf(name) });
    const code = codeFrom(await smtp.waitFor(sent + 1));
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await client.fail(ChangePassword, {
            input: { code: wrong, newPassword: 'a brand new secret' },
          })
        ).extensions?.code,
      ).toBe('INVALID_CODE');
    }
    expect(
      (await client.fail(ChangePassword, { input: { code, newPassword: 'a brand new secret' } }))
        .extensions?.code,
    ).toBe('INVALID_CODE');

    await letAMinutePass(carol.user.id);
    await client.ok(RequestEmailCode, { email: emailOf(name) });
    const second = codeFrom(await smtp.waitFor(sent + 2));
    await t.app.orm.em
      .fork()
      .execute("update email_code set expires_at = now() - interval '1 second' where user_id = ?", [
        carol.user.id,
      ]);
    expect(
      (
        await client.fail(ChangePassword, {
          input: { code: second, newPassword: 'a brand new secret' },
        })
      ).extensions?.code,
    ).toBe('INVALID_CODE');
    // Nothing changed: the old password still works.
    await t.client.ok(Login, { username: name, password: DEFAULT_PASSWORD });
  });

  it('checks the new password before using the code', async () => {
    const dave = await signedInUser(t.app);
    const error = await t.client
      .as(dave.token)
      .fail(ChangePassword, { input: { code: '123456', newPassword: 'short' } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
  });

  it('retries a mail the server refused', async () => {
    await freshIpWindows();
    const name = uniqueName('retry');
    const erin = await signedInUser(t.app, { username: name, email: emailOf(name) });
    const sent = smtp.mails.length;
    smtp.failNext(1);
    await t.client.as(erin.token).ok(RequestEmailCode, { email: emailOf(name) });
    await t.app.services.container.get(MailQueue).idle();
    const mail = await smtp.waitFor(sent + 1);
    expect(mail.to).toEqual([emailOf(name)]);
  });
});
