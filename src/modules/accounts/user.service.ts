import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import { assertPasswordPolicy, hashPassword } from '../../auth/passwords.js';
import type { SessionService } from '../../auth/session.service.js';
import {
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  normalizeUsername,
  optionalText,
  requireText,
} from '../../common/validation.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import type { Logger } from '../../infra/index.js';
import type { CreateUserInput, UpdateProfileInput } from './accounts.inputs.js';
import { Gender, Role, User } from './user.entity.js';

/** Links students to terms (cohorts); supplied by the courses module. */
export interface TermDirectory {
  /** Puts the student in the term with this id; NOT_FOUND when there is none. */
  assignById(em: EntityManager, user: User, termId: string): Promise<void>;
}

/** Profiles and admin user management. */
export class UserService {
  constructor(
    private readonly sessions: SessionService,
    private readonly terms: TermDirectory,
  ) {}

  /** The signed-in user, or null for anonymous callers. */
  async me(ctx: RequestContext): Promise<User | null> {
    if (!ctx.viewer) return null;
    return ctx.em.findOne(User, ctx.viewer.userId);
  }

  /** The signed-in user; UNAUTHENTICATED when there is none (or it was deleted). */
  async requireViewer(ctx: RequestContext): Promise<User> {
    const user = await this.me(ctx);
    if (!user) throw AppError.unauthenticated();
    return user;
  }

  /** Updates the viewer's own profile. Omitted fields stay; null clears an optional field. */
  async updateProfile(ctx: RequestContext, input: UpdateProfileInput): Promise<User> {
    const user = await this.requireViewer(ctx);
    if (input.nickname !== undefined) {
      if (input.nickname === null) throw AppError.badInput('nickname', 'nickname cannot be empty');
      user.nickname = requireText(input.nickname, 'nickname', { max: 50 });
    }
    if (input.avatarUrl !== undefined)
      user.avatarUrl = input.avatarUrl?.trim() ? normalizeUrl(input.avatarUrl, 'avatarUrl') : null;
    if (input.gender !== undefined) user.gender = input.gender ?? Gender.UNKNOWN;
    if (input.email !== undefined)
      user.email = input.email?.trim() ? normalizeEmail(input.email) : null;
    if (input.phone !== undefined)
      user.phone = input.phone?.trim() ? normalizePhone(input.phone) : null;
    if (input.realName !== undefined) user.realName = optionalText(input.realName, 'realName', 50);
    if (input.college !== undefined) user.college = optionalText(input.college, 'college', 100);
    if (input.major !== undefined) user.major = optionalText(input.major, 'major', 100);
    if (input.className !== undefined)
      user.className = optionalText(input.className, 'className', 100);
    await ctx.em.flush();
    return user;
  }

  /** ADMIN: creates an account with a password (CONFLICT when the username is taken). */
  async createUser(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    const username = normalizeUsername(input.username);
    assertPasswordPolicy(input.password);
    const realName = optionalText(input.realName ?? null, 'realName', 50);
    const email = input.email?.trim() ? normalizeEmail(input.email) : null;
    const passwordHash = await hashPassword(input.password);
    const user = ctx.em.create(User, {
      username,
      passwordHash,
      nickname: realName ?? username,
      realName,
      email,
      role: input.role,
    });
    if (input.termId != null) await this.terms.assignById(ctx.em, user, input.termId);
    try {
      await ctx.em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw AppError.conflict('username', 'That username is taken');
      throw err;
    }
    return user;
  }

  /** ADMIN: sets a new password and ends all the user's sessions. */
  async resetPassword(ctx: RequestContext, userId: string, newPassword: string): Promise<boolean> {
    const id = parseId(userId);
    assertPasswordPolicy(newPassword, 'newPassword');
    if (!id) throw AppError.notFound('User', userId);
    const passwordHash = await hashPassword(newPassword);
    const revoked = await ctx.em.transactional(async (em) => {
      const updated = await em.nativeUpdate(User, { id }, { passwordHash });
      if (updated === 0) throw AppError.notFound('User', userId);
      return this.sessions.revokeForUser(em, id, 'password reset by an admin');
    });
    await this.sessions.announceRevoked(revoked);
    return true;
  }

  /**
   * Creates the configured ADMIN when no user has that name. Safe when several
   * instances start at once: the insert does nothing on a username clash.
   */
  async bootstrapAdmin(
    em: EntityManager,
    admin: { username: string; password: string },
    log: Logger,
  ): Promise<void> {
    const username = normalizeUsername(admin.username, 'ADMIN_USERNAME');
    const existing = await em.findOne(User, { [raw('lower(username)')]: username.toLowerCase() });
    if (existing) {
      if (existing.role !== Role.ADMIN)
        log.warn({ username }, 'ADMIN_USERNAME exists but is not an admin; left unchanged');
      return;
    }
    const passwordHash = await hashPassword(admin.password);
    const rows = await em.execute<{ id: string }[]>(
      `insert into app_user (username, password_hash, nickname, role) values (?, ?, ?, 'ADMIN')
       on conflict (lower(username)) do nothing returning id`,
      [username, passwordHash, username],
    );
    if (rows.length > 0) log.info({ username }, 'admin account created from ADMIN_USERNAME');
  }
}
