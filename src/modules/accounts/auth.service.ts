import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import {
  dummyPasswordHash,
  assertPasswordPolicy,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../auth/passwords.js';
import type { SessionMeta, SessionService } from '../../auth/session.service.js';
import type { TokenService } from '../../auth/tokens.js';
import { normalizeEmail, normalizeUsername, requireText } from '../../common/validation.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { RateLimiter } from '../../infra/rate-limiter.js';
import type { RateRule } from '../../config/index.js';
import type { RegisterInput } from './accounts.inputs.js';
import type { AuthPayload } from './accounts.types.js';
import { User } from './user.entity.js';

const FIFTEEN_MINUTES = 15 * 60_000;
/** More than 10 failed logins for one username within 15 minutes → refused until the window passes. */
export const LOGIN_FAILURES_PER_USERNAME: RateRule = { limit: 10, windowMs: FIFTEEN_MINUTES };
/** More than 30 failed logins from one IP within 15 minutes → refused until the window passes. */
export const LOGIN_FAILURES_PER_IP: RateRule = { limit: 30, windowMs: FIFTEEN_MINUTES };
/** Account creation per IP. */
export const REGISTRATIONS_PER_IP: RateRule = { limit: 20, windowMs: 60 * 60_000 };

/** The request's client facts a new session records. */
export function sessionMeta(ctx: RequestContext): SessionMeta {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}

/**
 * Signing in and out: registration, password login, refresh-token rotation and
 * logout, each ending in an {@link AuthPayload} for a session.
 */
export class AuthService {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Builds the payload for a session: a fresh access token plus the refresh token. */
  async issue(user: User, sessionId: string, refreshToken: string): Promise<AuthPayload> {
    const access = await this.tokens.sign(user.id, sessionId);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      user,
    };
  }

  /**
   * Opens a session for `user` in one transaction with `prepare` (which may
   * create or update the user) and returns its payload. Other sessions ended
   * by the single-session policy are announced after commit.
   */
  async signIn(
    ctx: RequestContext,
    prepare: (em: EntityManager) => Promise<User>,
  ): Promise<AuthPayload> {
    const { user, session, refreshToken, revokedIds } = await ctx.em.transactional(async (em) => {
      const u = await prepare(em);
      return { user: u, ...(await this.sessions.open(em, u, sessionMeta(ctx))) };
    });
    await this.sessions.announceRevoked(revokedIds);
    return this.issue(user, session.id, refreshToken);
  }

  /** Creates a USER account and signs it in. Usernames are unique ignoring case. */
  async register(ctx: RequestContext, input: RegisterInput): Promise<AuthPayload> {
    const username = normalizeUsername(input.username);
    assertPasswordPolicy(input.password);
    const nickname = input.nickname?.trim()
      ? requireText(input.nickname, 'nickname', { max: 50 })
      : username;
    const email = input.email ? normalizeEmail(input.email) : null;
    const limit = await this.limiter.hit(`register:ip:${ctx.ip}`, REGISTRATIONS_PER_IP);
    if (!limit.allowed)
      throw AppError.rateLimited(
        limit.retryAfterMs / 1000,
        'Too many registrations from this address',
      );
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.signIn(ctx, async (em) => {
        const user = em.create(User, { username, passwordHash, nickname, email });
        await em.flush();
        return user;
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw AppError.conflict('username', 'That username is taken');
      throw err;
    }
  }

  /**
   * Password login. Unknown users and wrong passwords get the same
   * INVALID_CREDENTIALS after the same work (a dummy hash is verified), and
   * failures are counted per username and per IP across instances.
   */
  async login(ctx: RequestContext, username: string, password: string): Promise<AuthPayload> {
    const name = username.trim().toLowerCase().slice(0, 64);
    const userKey = `login-fail:user:${name}`;
    const ipKey = `login-fail:ip:${ctx.ip}`;
    for (const [key, rule] of [
      [userKey, LOGIN_FAILURES_PER_USERNAME],
      [ipKey, LOGIN_FAILURES_PER_IP],
    ] as const) {
      const state = await this.limiter.check(key, rule);
      if (!state.allowed)
        throw AppError.rateLimited(
          state.retryAfterMs / 1000,
          'Too many failed logins; try again later',
        );
    }
    const user = name
      ? await ctx.em.findOne(
          User,
          { [raw('lower(username)')]: name },
          { populate: ['passwordHash'] },
        )
      : null;
    const storedHash = user?.passwordHash ?? (await dummyPasswordHash);
    const ok =
      password.length <= 1024 &&
      (await verifyPassword(storedHash, password)) &&
      !!user?.passwordHash;
    if (!user || !ok) {
      await Promise.all([
        this.limiter.record(userKey, LOGIN_FAILURES_PER_USERNAME),
        this.limiter.record(ipKey, LOGIN_FAILURES_PER_IP),
      ]);
      throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Wrong username or password');
    }
    await this.limiter.reset(userKey);
    const rehash = needsRehash(storedHash) ? await hashPassword(password) : undefined;
    return this.signIn(ctx, (em) => {
      const current = em.merge(user);
      if (rehash) current.passwordHash = rehash;
      return Promise.resolve(current);
    });
  }

  /** Rotates the refresh token and issues a new access token. */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    if (refreshToken.length > 200)
      throw AppError.unauthenticated('Invalid or expired refresh token');
    const rotated = await this.sessions.rotate(refreshToken, sessionMeta(ctx));
    return this.issue(rotated.user, rotated.sessionId, rotated.refreshToken);
  }

  /** Ends the current session; its sockets close and its tokens stop working. */
  async logout(ctx: RequestContext): Promise<boolean> {
    if (!ctx.viewer) throw AppError.unauthenticated();
    await this.sessions.revoke(ctx.viewer.sessionId, 'logout');
    return true;
  }
}
