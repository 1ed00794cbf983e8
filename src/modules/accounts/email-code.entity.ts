import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from './user.entity.js';

/**
 * A six-digit code mailed to a user for a password change. Only an HMAC of it
 * is stored; it expires after 5 minutes and dies after 5 wrong tries.
 */
@Entity({ tableName: 'email_code' })
export class EmailCode extends BaseEntity {
  [OptionalProps]?: 'failedAttempts' | 'consumedAt' | 'createdAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'email_code_user_id_index' })
  user!: Rel<User>;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  codeHash!: string;

  @Property({ type: 'integer', default: 0 })
  failedAttempts: number = 0;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  consumedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
