import { AppError } from '../errors/index.js';
import type { SessionService } from './session.service.js';
import type { TokenService } from './tokens.js';
import type { Viewer } from './viewer.js';

const CHALLENGE = new Map([['www-authenticate', 'Bearer error="invalid_token"']]);

function refused(message: string): AppError {
  const error = AppError.unauthenticated(message);
  error.extensions.http = { status: 401, headers: new Map(CHALLENGE) };
  return error;
}

/**
 * Turns an `Authorization: Bearer <token>` value into the viewer. No header
 * means anonymous; a malformed, forged, expired or revoked token is refused
 * with UNAUTHENTICATED (HTTP 401), even on fields anonymous callers may read.
 * Every call checks in PostgreSQL that the session is still active, so
 * revocation takes effect on the next request.
 */
export class BearerAuthenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Viewer | null> {
    if (authorization === undefined) return null;
    const match = /^Bearer[ \t]+([A-Za-z0-9\-_.]+)[ \t]*$/i.exec(authorization);
    if (!match?.[1]) throw refused('Malformed Authorization header: expected "Bearer <token>"');
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw refused('Invalid or expired access token');
    const session = await this.sessions.findActive(claims.sessionId);
    if (!session || session.userId !== claims.userId)
      throw refused('This session has ended; sign in again');
    return { userId: claims.userId, sessionId: claims.sessionId, role: session.role };
  }
}
