import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_TYPE, TokenService } from '../../src/auth/tokens.js';

const secret = new TextEncoder().encode('unit-test-secret-that-is-long-enough-0123456789');
const service = new TokenService(secret, 15 * 60_000);
const now = Math.floor(Date.now() / 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs whatever header and claims with the service's key (jose, or by hand for odd headers). */
async function signed(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: Uint8Array = secret,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
}

/** Signs by hand, for headers jose refuses to produce. */
function handSigned(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** What jose itself says about a token, with the rules the service asks for: the reference. */
async function joseAccepts(token: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ['sub', 'exp', 'iat', 'sid'],
      clockTolerance: 0,
    });
    return typeof payload.sub === 'string' && typeof payload.sid === 'string';
  } catch {
    return false;
  }
}

const good = {
  iss: TOKEN_ISSUER,
  aud: TOKEN_AUDIENCE,
  sub: '42',
  sid: 'session-1',
  iat: now,
  exp: now + 600,
};

describe('access token verification', () => {
  it('accepts what it signed', async () => {
    const { token } = await service.sign('7', 'abc');
    expect(await service.verify(token)).toEqual({ userId: '7', sessionId: 'abc' });
  });

  it.each([
    ['a forged signature', async () => (await service.sign('7', 'abc')).token.slice(0, -2) + 'AA'],
    ['another key', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, good, new Uint8Array(48))],
    ['alg none', () => Promise.resolve(`${b64({ alg: 'none', typ: TOKEN_TYPE })}.${b64(good)}.`)],
    ['alg HS512 with the same key', () => signed({ alg: 'HS512', typ: TOKEN_TYPE }, good)],
    ['typ JWT', () => signed({ alg: 'HS256', typ: 'JWT' }, good)],
    ['no typ', () => signed({ alg: 'HS256' }, good)],
    [
      'a crit header',
      () => Promise.resolve(handSigned({ alg: 'HS256', typ: TOKEN_TYPE, crit: ['x'], x: 1 }, good)),
    ],
    [
      'a JSON array payload',
      () => Promise.resolve(handSigned({ alg: 'HS256', typ: TOKEN_TYPE }, [good] as never)),
    ],
    ['another issuer', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, iss: 'evil' })],
    ['another audience', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, aud: 'x' })],
    ['no sid', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, sid: undefined })],
    ['numeric sub', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, sub: 42 })],
    ['expired', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, exp: now - 1 })],
    ['expiring now', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, exp: now })],
    ['not yet valid', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, nbf: now + 60 })],
    ['no iat', () => signed({ alg: 'HS256', typ: TOKEN_TYPE }, { ...good, iat: undefined })],
  ])('refuses %s', async (_name, make) => {
    const token = await make();
    expect(await service.verify(token)).toBeUndefined();
    expect(await joseAccepts(token)).toBe(false);
  });

  it('refuses a signature with non-canonical base64url (same bytes, other text)', async () => {
    const { token } = await service.sign('7', 'abc');
    const [h, p, s] = token.split('.') as [string, string, string];
    // A 32-byte HMAC is 43 base64url characters; the last one carries 4 unused bits.
    const last = s.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    const other = `${h}.${p}.${s.slice(0, -1)}${twin}`;
    expect(await service.verify(other)).toBeUndefined();
  });

  it('agrees with jose on random claim sets and headers', async () => {
    const claimValue = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 8 }),
      fc.integer({ min: now - 1000, max: now + 1000 }),
      fc.constantFrom(TOKEN_ISSUER, TOKEN_AUDIENCE, [TOKEN_AUDIENCE, 'other'], ['other'], null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          iss: fc.oneof(fc.constant(TOKEN_ISSUER), claimValue),
          aud: fc.oneof(fc.constant(TOKEN_AUDIENCE), claimValue),
          sub: fc.oneof(fc.constant('1'), claimValue),
          sid: fc.oneof(fc.constant('s'), claimValue),
          iat: fc.oneof(fc.constant(now), claimValue),
          exp: fc.oneof(fc.constant(now + 60), claimValue),
          nbf: fc.oneof(fc.constant(undefined), fc.constant(now - 10), claimValue),
        }),
        fc.constantFrom(TOKEN_TYPE, 'application/at+jwt', 'AT+JWT', 'JWT', undefined),
        async (claims, typ) => {
          const header = typ === undefined ? { alg: 'HS256' } : { alg: 'HS256', typ };
          const clean = Object.fromEntries(
            Object.entries(claims).filter(([, v]) => v !== undefined),
          );
          const token = await signed(header, clean);
          const ours = (await service.verify(token)) !== undefined;
          expect(ours).toBe(await joseAccepts(token));
        },
      ),
      { numRuns: 300 },
    );
  });
});
