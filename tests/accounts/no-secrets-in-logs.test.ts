import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { createLogger } from '../../src/infra/index.js';
import { MailQueue } from '../../src/infra/mail-queue.js';
import {
  ChangePassword,
  Login,
  Me,
  Refresh,
  Register,
  RequestEmailCode,
} from '../documents/accounts.js';
import { testConfig } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { createTestDatabase } from '../helpers/database.js';
import { uniqueName } from '../factories/users.js';
import { MiniProgramLogin } from '../documents/wechat.js';
import { MP_APP, startFakeWechat, wechatEnv, type FakeWechat } from '../helpers/fake-wechat.js';

const lines: string[] = [];
let app: App;
let client: TestClient;
let dataDir: string;
let fake: FakeWechat;
beforeAll(async () => {
  fake = await startFakeWechat();
  dataDir = path.resolve('.test-data', uniqueName('logs'));
  const config = testConfig({ LOG_LEVEL: 'trace', DATA_DIR: dataDir, ...wechatEnv(fake) });
  const log = createLogger('trace', {}, { write: (line: string) => void lines.push(line) });
  app = await createApp(config, { databaseUrl: await createTestDatabase(), log, seedDemo: false });
  client = new TestClient(await app.listen(0, '127.0.0.1'));
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

it('never writes passwords, hashes, codes, tokens, app secrets or session keys to the log', async () => {
  const username = uniqueName('secret');
  const password = 'my very secret password';
  const newPassword = 'an even more secret one';
  const { register } = await client.ok(Register, {
    input: { username, password, email: `${username}@example.com` },
  });
  await client.fail(Login, { username, password: 'wrong but also secret' });
  const { refreshToken } = await client.ok(Refresh, { refreshToken: register.refreshToken });
  const signed = client.as(refreshToken.accessToken);
  await signed.ok(RequestEmailCode, { email: `${username}@example.com` });
  await app.services.container.get(MailQueue).idle();
  const outbox = path.join(dataDir, 'outbox');
  const mail = readFileSync(path.join(outbox, readdirSync(outbox)[0]!), 'utf8');
  const code = /code is (\d{6})/.exec(mail)![1]!;
  await signed.ok(ChangePassword, { input: { code, newPassword } });
  await client.as(refreshToken.accessToken).fail(Me);
  await client.as('forged.token.value').fail(Me);

  const wechatCode = fake.miniCode({ openid: uniqueName('logged'), unionid: uniqueName('u') });
  const wechat = await client.ok(MiniProgramLogin, { code: wechatCode });
  await client.fail(MiniProgramLogin, { code: wechatCode });

  const hash = (
    await app.orm.em
      .fork()
      .execute<{ password_hash: string }[]>(
        'select password_hash from app_user where username = ?',
        [username],
      )
  )[0]!.password_hash;
  const text = lines.join('\n');
  expect(lines.length).toBeGreaterThan(5);
  expect(text).toContain('mail written to the outbox');
  for (const secret of [
    password,
    newPassword,
    'wrong but also secret',
    register.accessToken,
    register.refreshToken,
    refreshToken.accessToken,
    refreshToken.refreshToken,
    code,
    hash,
    hash.split('$')[5]!,
    wechatCode,
    wechat.wechatMiniProgramLogin.accessToken,
    MP_APP.secret,
    'session_key',
    'sk-',
  ]) {
    expect(text.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
  }
});
