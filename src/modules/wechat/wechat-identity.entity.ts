import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../../db/base.entity.js';
import { User } from '../accounts/user.entity.js';

/**
 * A WeChat identity bound to a user: the openid is per app (mini-program and
 * website app each have their own), the unionid is per person when WeChat
 * gives it.
 */
@Entity({ tableName: 'wechat_identity' })
@Unique({ name: 'wechat_identity_app_openid_unique', properties: ['appId', 'openid'] })
export class WechatIdentity extends BaseEntity {
  [OptionalProps]?: 'unionid' | 'createdAt' | 'lastLoginAt';

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'wechat_identity_user_id_index' })
  user!: Rel<User>;

  @Property({ type: 'text' })
  appId!: string;

  @Property({ type: 'text' })
  openid!: string;

  @Property({ type: 'text', nullable: true })
  unionid: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  lastLoginAt: Date = new Date();
}
