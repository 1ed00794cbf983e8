import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

export const TOKEN_ISSUER = 'campus-api';
export const TOKEN_AUDIENCE = 'campus-clients';
/** RFC 9068 access-token type, checked on verification so other JWTs cannot pass as access tokens. */
export const TOKEN_TYPE = 'at+jwt';

/** Claims of a verified access token. */
export interface AccessClaims {
  readonly userId: string;
  readonly sessionId: string;
}

/**
 * Signs and verifies access tokens: HS256 only (the algorithm is pinned, never
 * read from the token), with issuer, audience and type set and checked.
 */
export class TokenService {
  /** Imported once: jose would otherwise import the raw key on every sign and verify. */
  private readonly key: Promise<CryptoKey>;

  constructor(
    secret: Uint8Array,
    private readonly ttlMs: number,
  ) {
    this.key = crypto.subtle.importKey(
      'raw',
      new Uint8Array(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  /** Signs an access token for a user's session; returns it with its expiry. */
  async sign(
    userId: string,
    sessionId: string,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + Math.floor(this.ttlMs / 1000);
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(userId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(await this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies a token; returns its claims, or undefined for any invalid, forged or expired token. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: TOKEN_TYPE,
        requiredClaims: ['sub', 'exp', 'iat', 'sid'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return undefined;
      throw err;
    }
  }
}
