import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Term } from '../courses/term.entity.js';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../db/base.entity.js';
import { Role } from '../../auth/viewer.js';

export { Role };

export enum Gender {
  UNKNOWN = 'UNKNOWN',
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

registerEnumType(Role, { name: 'Role' });
registerEnumType(Gender, { name: 'Gender' });

/**
 * An account: a student (username = student number), a WeChat user (no
 * username until they set one), or an admin. The password hash never leaves
 * the service: it has no GraphQL field and is hidden from serialisation.
 */
@ObjectType()
@Entity({ tableName: 'app_user' })
@Index({
  name: 'app_user_username_lower_unique',
  expression:
    'create unique index "app_user_username_lower_unique" on "app_user" (lower("username"))',
})
export class User extends BaseEntity {
  [OptionalProps]?:
    | 'username'
    | 'passwordHash'
    | 'avatarUrl'
    | 'gender'
    | 'email'
    | 'phone'
    | 'role'
    | 'realName'
    | 'college'
    | 'major'
    | 'className'
    | 'term'
    | 'wechatUnionid'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => String, {
    nullable: true,
    description: 'Login name; for students, the student number.',
  })
  @Property({ type: 'text', nullable: true })
  username: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash: string | null = null;

  @Field(() => String)
  @Property({ type: 'text' })
  nickname!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  avatarUrl: string | null = null;

  @Field(() => Gender)
  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender: Gender = Gender.UNKNOWN;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role: Role = Role.USER;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  realName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  college: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  major: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  className: string | null = null;

  /**
   * The person's WeChat unionid (the same across the mini-program and the
   * website app): unique, so one person maps to one account even when two
   * first logins race.
   */
  @Property({
    type: 'text',
    nullable: true,
    unique: 'app_user_wechat_unionid_unique',
    hidden: true,
  })
  wechatUnionid: string | null = null;

  /** The term (cohort) of a student; students may only enrol in courses of their term. */
  @ManyToOne(() => Term, { nullable: true, deleteRule: 'set null' })
  @Index({ name: 'app_user_term_id_index' })
  term: Rel<Term> | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
