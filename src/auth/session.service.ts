import { createHash, randomBytes, randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { Logger, PubSub } from '../infra/index.js';
import type { SocketRegistry } from '../app/socket-registry.js';
import { User } from '../modules/accounts/user.entity.js';
import { Session } from './session.entity.js';
import type { Role } from './viewer.js';

/** Topic on which every instance learns which sessions ended (to close their sockets). */
export const SESSIONS_REVOKED_TOPIC = 'sessions.revoked';

export interface SessionMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface ActiveSession {
  readonly userId: string;
  readonly role: Role;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SHA-256 of a refresh token: what the database stores instead of the token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type RotateOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string; refreshToken: string }
  | { kind: 'reused'; revokedIds: string[] }
  | { kind: 'invalid' };

/**
 * Sessions (refresh-token families) in PostgreSQL, the source of truth for
 * whether a sign-in is still valid. Refresh tokens are 256-bit random values,
 * stored hashed, single-use and rotated on every refresh.
 */
export class SessionService {
  /**
   * Session checks of concurrent requests share one query (batched per event
   * loop turn, never cached): every request still reads the session's current
   * state from PostgreSQL.
   */
  private readonly activeBatch = new DataLoader<string, ActiveSession | undefined, string>(
    async (ids) => {
      const rows = await this.orm.em.fork().execute<{ id: string; user_id: string; role: Role }[]>(
        `select s.id, s.user_id, u.role from session s join app_user u on u.id = s.user_id
         where s.id in (?) and s.revoked_at is null and s.expires_at > now()`,
        [[...ids]],
      );
      const found = new Map(rows.map((r) => [r.id, { userId: String(r.user_id), role: r.role }]));
      return ids.map((id) => found.get(id));
    },
    { cache: false, maxBatchSize: 500, batchScheduleFn: (run) => setImmediate(run) },
  );

  constructor(
    private readonly orm: MikroORM,
    private readonly pubsub: PubSub,
    private readonly sockets: SocketRegistry,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  private expiry(): Date {
    return new Date(Date.now() + this.config.auth.refreshTokenTtlMs);
  }

  /**
   * Opens a session inside the caller's transaction. With `SESSION_POLICY=single`
   * the user's other sessions end in the same transaction (the user row is
   * locked so concurrent logins cannot both survive). Returns the ended ids:
   * pass them to {@link announceRevoked} after commit.
   */
  async open(
    em: EntityManager,
    user: User,
    meta: SessionMeta,
  ): Promise<{ session: Session; refreshToken: string; revokedIds: string[] }> {
    let revokedIds: string[] = [];
    if (this.config.auth.sessionPolicy === 'single') {
      await em.execute('select id from app_user where id = ? for update', [user.id]);
      revokedIds = await this.revokeForUser(em, user.id, 'signed in on another device');
    }
    const refreshToken = randomBytes(32).toString('base64url');
    const session = em.create(Session, {
      id: randomUUID(),
      user,
      refreshTokenHash: hashRefreshToken(refreshToken),
      expiresAt: this.expiry(),
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip,
    });
    await em.flush();
    return { session, refreshToken, revokedIds };
  }

  /** Ends every active session of a user (inside the caller's transaction); returns their ids. */
  async revokeForUser(
    em: EntityManager,
    userId: string,
    reason: string,
    exceptId?: string,
  ): Promise<string[]> {
    const rows = await em.execute<{ id: string }[]>(
      `update session set revoked_at = now(), revoked_reason = ?
       where user_id = ? and revoked_at is null and expires_at > now() ${exceptId ? 'and id <> ?' : ''}
       returning id`,
      exceptId ? [reason, userId, exceptId] : [reason, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Ends one session (logout); returns true when it was active. */
  async revoke(sessionId: string, reason: string): Promise<boolean> {
    const rows = await this.orm.em
      .fork()
      .execute<{ id: string }[]>(
        'update session set revoked_at = now(), revoked_reason = ? where id = ? and revoked_at is null returning id',
        [reason, sessionId],
      );
    await this.announceRevoked(rows.map((r) => r.id));
    return rows.length > 0;
  }

  /**
   * Tells every instance (and this one, directly) that these sessions ended,
   * so their WebSockets close. Call after the revoking transaction committed.
   */
  async announceRevoked(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.sockets.closeSessions(ids);
    await this.pubsub.publish(SESSIONS_REVOKED_TOPIC, { ids });
  }

  /**
   * Rotates a refresh token. The conditional UPDATE makes two concurrent
   * refreshes of one token yield exactly one success. A token that was already
   * rotated out revokes its whole family (RFC 9700 §4.14.2).
   */
  async rotate(
    refreshToken: string,
    meta: SessionMeta,
  ): Promise<{ sessionId: string; user: User; refreshToken: string }> {
    const oldHash = hashRefreshToken(refreshToken);
    const next = randomBytes(32).toString('base64url');
    const em = this.orm.em.fork();
    const outcome = await em.transactional(async (tx): Promise<RotateOutcome> => {
      const rotated = await tx.execute<{ id: string; user_id: string }[]>(
        `update session set refresh_token_hash = ?, rotations = rotations + 1, last_used_at = now(),
           expires_at = ?, ip = coalesce(?, ip), user_agent = coalesce(?, user_agent)
         where refresh_token_hash = ? and revoked_at is null and expires_at > now()
         returning id, user_id`,
        [
          hashRefreshToken(next),
          this.expiry(),
          meta.ip,
          meta.userAgent?.slice(0, 512) ?? null,
          oldHash,
        ],
      );
      const row = rotated[0];
      if (row) {
        await tx.execute(
          'insert into retired_refresh_token (token_hash, session_id) values (?, ?)',
          [oldHash, row.id],
        );
        return {
          kind: 'rotated',
          sessionId: row.id,
          userId: String(row.user_id),
          refreshToken: next,
        };
      }
      const retired = await tx.execute<{ session_id: string }[]>(
        'select session_id from retired_refresh_token where token_hash = ?',
        [oldHash],
      );
      const family = retired[0]?.session_id;
      if (!family) return { kind: 'invalid' };
      const revoked = await tx.execute<{ id: string }[]>(
        `update session set revoked_at = now(), revoked_reason = 'refresh token reused'
         where id = ? and revoked_at is null returning id`,
        [family],
      );
      return { kind: 'reused', revokedIds: revoked.map((r) => r.id) };
    });
    if (outcome.kind === 'reused') {
      this.log.warn(
        { sessions: outcome.revokedIds },
        'rotated refresh token presented again: session family revoked',
      );
      await this.announceRevoked(outcome.revokedIds);
    }
    if (outcome.kind !== 'rotated')
      throw AppError.unauthenticated('Invalid or expired refresh token');
    const user = await em.findOneOrFail(User, outcome.userId);
    return { sessionId: outcome.sessionId, user, refreshToken: outcome.refreshToken };
  }

  /** The session's user and role when it is active (not revoked, not expired). */
  async findActive(sessionId: string): Promise<ActiveSession | undefined> {
    if (!UUID.test(sessionId)) return undefined;
    return this.activeBatch.load(sessionId.toLowerCase());
  }

  /** Of these ids, the ones still active (one query for the socket sweep). */
  async stillActive(sessionIds: readonly string[]): Promise<Set<string>> {
    const ids = sessionIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return new Set();
    const rows = await this.orm.em
      .fork()
      .execute<{ id: string }[]>(
        'select id from session where id in (?) and revoked_at is null and expires_at > now()',
        [ids],
      );
    return new Set(rows.map((r) => r.id));
  }
}
