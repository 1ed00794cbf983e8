import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { User } from '../modules/accounts/user.entity.js';

/**
 * A sign-in: one refresh-token family. The current refresh token is stored
 * only as a SHA-256 hash and rotated on every refresh; the access tokens of
 * this session carry its id (`sid`) and stop working when it is revoked.
 * PostgreSQL is the source of truth for whether a session is active.
 */
@Entity({ tableName: 'session' })
export class Session {
  [OptionalProps]?:
    'revokedAt' | 'revokedReason' | 'userAgent' | 'ip' | 'rotations' | 'createdAt' | 'lastUsedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'session_user_id_index' })
  user!: Rel<User>;

  @Property({ type: 'text', unique: 'session_refresh_token_hash_unique' })
  refreshTokenHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  revokedReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'text', nullable: true })
  ip: string | null = null;

  @Property({ type: 'integer', default: 0 })
  rotations: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastUsedAt: Date = new Date();
}

/**
 * A refresh token that was already rotated out. Presenting one again means the
 * token leaked (or was replayed): its whole family is revoked (RFC 9700 §4.14.2).
 */
@Entity({ tableName: 'retired_refresh_token' })
export class RetiredRefreshToken {
  [OptionalProps]?: 'retiredAt';

  @PrimaryKey({ type: 'text' })
  tokenHash!: string;

  @ManyToOne(() => Session, { deleteRule: 'cascade' })
  @Index({ name: 'retired_refresh_token_session_id_index' })
  session!: Rel<Session>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  retiredAt: Date = new Date();
}
