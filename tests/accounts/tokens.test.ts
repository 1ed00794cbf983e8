import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_TYPE } from '../../src/auth/tokens.js';
import { Logout, Me } from '../documents/accounts.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { sleep } from '../helpers/client.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const key = new TextEncoder().encode(TEST_JWT_SECRET);

async function token(
  claims: { sub: string; sid: string },
  options: { key?: Uint8Array; aud?: string; iss?: string; typ?: string; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256', typ: options.typ ?? TOKEN_TYPE })
    .setIssuer(options.iss ?? TOKEN_ISSUER)
    .setAudience(options.aud ?? TOKEN_AUDIENCE)
    .setSubject(claims.sub)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(options.key ?? key);
}

describe('access tokens', () => {
  it('accepts a token signed with the right key, claims and session', async () => {
    const alice = await signedInUser(t.app);
    const valid = await token({ sub: alice.user.id, sid: alice.sessionId });
    expect((await t.client.as(valid).ok(Me)).me?.id).toBe(alice.user.id);
  });

  it('refuses forged, alg=none, wrong-audience, wrong-issuer, wrong-type and expired tokens with 401', async () => {
    const alice = await signedInUser(t.app);
    const claims = { sub: alice.user.id, sid: alice.sessionId };
    const none = new UnsecuredJWT({ sid: alice.sessionId })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(alice.user.id)
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    const [header, payload] = alice.token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: '999' })).toString('base64url')}.${alice.token.split('.')[2]}`;
    const bad: Record<string, string> = {
      forged: await token(claims, {
        key: new TextEncoder().encode('another-secret-that-is-32-bytes-long!!'),
      }),
      algNone: none,
      wrongAudience: await token(claims, { aud: 'someone-else' }),
      wrongIssuer: await token(claims, { iss: 'evil' }),
      wrongType: await token(claims, { typ: 'JWT' }),
      expired: await token(claims, { exp: Math.floor(Date.now() / 1000) - 5 }),
      tampered,
      otherUsersSession: await token({
        sub: String(Number(alice.user.id) + 1000),
        sid: alice.sessionId,
      }),
      garbage: 'not-a-token',
    };
    for (const [name, value] of Object.entries(bad)) {
      const error = await t.client.as(value).fail(Me);
      expect(error, name).toMatchObject({ status: 401, extensions: { code: 'UNAUTHENTICATED' } });
    }
    const malformed = await t.client.request(Me, undefined, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('WebSocket authentication', () => {
  it('closes with 4403 when connection_init carries a bad token', async () => {
    const ws = t.client.ws({ token: 'not-a-token' });
    const closed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as CloseEvent).code)),
    );
    const iterator = ws.iterate({ query: '{ __typename }' });
    await iterator.next().catch(() => undefined);
    expect(await closed).toBe(4403);
    await ws.dispose();
  });

  it('accepts anonymous and signed-in connections', async () => {
    const alice = await signedInUser(t.app);
    for (const tokenValue of [null, alice.token]) {
      const ws = t.client.ws({ token: tokenValue });
      const result = await ws.iterate({ query: '{ me { id } }' }).next();
      expect(result.value).toEqual({ data: { me: tokenValue ? { id: alice.user.id } : null } });
      await ws.dispose();
    }
  });

  it('closes the sockets of a session within 5 s of its revocation', async () => {
    const alice = await signedInUser(t.app);
    const ws = t.client.ws({ token: alice.token, lazy: false });
    const closed = new Promise<{ code: number; at: number }>((resolve) =>
      ws.on('closed', (event) => resolve({ code: (event as CloseEvent).code, at: Date.now() })),
    );
    await ws.iterate({ query: '{ me { id } }' }).next();
    const revokedAt = Date.now();
    await t.client.as(alice.token).ok(Logout);
    const result = await closed;
    expect(result.code).toBe(4403);
    expect(result.at - revokedAt).toBeLessThan(5_000);
    await ws.dispose();
  });

  it('closes a revoked session socket even when the revocation event is lost (sweep)', async () => {
    const alice = await signedInUser(t.app);
    const ws = t.client.ws({ token: alice.token, lazy: false });
    const closed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as CloseEvent).code)),
    );
    await ws.iterate({ query: '{ me { id } }' }).next();
    // Revoke behind the service's back: no event is published.
    await t.app.orm.em
      .fork()
      .execute('update session set revoked_at = now() where id = ?', [alice.sessionId]);
    const started = Date.now();
    expect(await Promise.race([closed, sleep(5_000).then(() => -1)])).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5_000);
    await ws.dispose();
  });
});
