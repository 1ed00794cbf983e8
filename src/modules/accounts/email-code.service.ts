import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { viewerId, type RequestContext } from '../../app/context.js';
import { assertPasswordPolicy, hashPassword } from '../../auth/passwords.js';
import type { SessionService } from '../../auth/session.service.js';
import type { RateRule } from '../../config/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { MailQueue } from '../../infra/mail-queue.js';
import type { RateLimiter } from '../../infra/rate-limiter.js';
import type { ChangePasswordInput } from './accounts.inputs.js';
import { EmailCode } from './email-code.entity.js';
import { User } from './user.entity.js';

const CODE_TTL_MS = 5 * 60_000;
const MAX_WRONG_TRIES = 5;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Limits on sending codes: per account and per IP. */
export const EMAIL_CODE_LIMITS = {
  perAccount: { limit: 1, windowMs: MINUTE } satisfies RateRule,
  perAccountDaily: { limit: 10, windowMs: DAY } satisfies RateRule,
  perIp: { limit: 1, windowMs: MINUTE } satisfies RateRule,
  perIpDaily: { limit: 5, windowMs: DAY } satisfies RateRule,
};

type CheckOutcome = { kind: 'ok'; revokedIds: string[] } | { kind: 'wrong' } | { kind: 'none' };

/**
 * The change-password flow of the seeds: a six-digit code mailed to the
 * account's address (sent in the background), consumed by `changePassword`,
 * which then ends every session of the user.
 */
export class EmailCodeService {
  constructor(
    private readonly sessions: SessionService,
    private readonly mail: MailQueue,
    private readonly limiter: RateLimiter,
    private readonly codeKey: Uint8Array,
  ) {}

  private hash(userId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${userId}:${code}`).digest('base64url');
  }

  /** Sends a code to the viewer's stored email, which must equal `email`. */
  async request(ctx: RequestContext, email: string): Promise<boolean> {
    const user = await ctx.em.findOne(User, viewerId(ctx));
    if (!user) throw AppError.unauthenticated();
    if (!user.email || user.email.toLowerCase() !== email.trim().toLowerCase()) {
      throw AppError.badInput('email', 'This is not the email address of your account');
    }
    const limits: [string, RateRule][] = [
      [`email-code:user:${user.id}`, EMAIL_CODE_LIMITS.perAccount],
      [`email-code:user-day:${user.id}`, EMAIL_CODE_LIMITS.perAccountDaily],
      [`email-code:ip:${ctx.ip}`, EMAIL_CODE_LIMITS.perIp],
      [`email-code:ip-day:${ctx.ip}`, EMAIL_CODE_LIMITS.perIpDaily],
    ];
    const states = await Promise.all(limits.map(([key, rule]) => this.limiter.check(key, rule)));
    const refused = states.filter((s) => !s.allowed);
    if (refused.length > 0) {
      throw AppError.rateLimited(
        Math.max(...refused.map((s) => s.retryAfterMs)) / 1000,
        'Please wait before asking for another code',
      );
    }
    await Promise.all(limits.map(([key, rule]) => this.limiter.record(key, rule)));

    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    await ctx.em.transactional(async (em) => {
      await em.nativeUpdate(
        EmailCode,
        { user: user.id, consumedAt: null },
        { consumedAt: new Date() },
      );
      em.create(EmailCode, {
        user,
        email: user.email!,
        codeHash: this.hash(user.id, code),
        expiresAt: new Date(Date.now() + CODE_TTL_MS),
      });
    });
    this.mail.enqueue({
      to: user.email,
      subject: '验证码 Verification code',
      text:
        `您的验证码是 ${code}，5 分钟内有效。如非本人操作，请忽略本邮件。\n\n` +
        `Your verification code is ${code}. It is valid for 5 minutes. If you did not ask for it, ignore this mail.`,
    });
    return true;
  }

  /**
   * Consumes the latest code and sets the new password. A wrong code counts
   * against the code (5 tries); any valid change ends all the user's sessions.
   */
  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<boolean> {
    const userId = viewerId(ctx);
    assertPasswordPolicy(input.newPassword, 'newPassword');
    const presented = Buffer.from(this.hash(userId, input.code.trim()));
    const passwordHash = await hashPassword(input.newPassword);
    const outcome = await ctx.em.transactional(async (em): Promise<CheckOutcome> => {
      const rows = await em.execute<{ id: string; code_hash: string }[]>(
        `select id, code_hash from email_code
         where user_id = ? and consumed_at is null and expires_at > now() and failed_attempts < ?
         order by id desc limit 1 for update`,
        [userId, MAX_WRONG_TRIES],
      );
      const row = rows[0];
      if (!row) return { kind: 'none' };
      const expected = Buffer.from(row.code_hash);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
        await em.execute(
          'update email_code set failed_attempts = failed_attempts + 1 where id = ?',
          [row.id],
        );
        return { kind: 'wrong' };
      }
      await em.execute('update email_code set consumed_at = now() where id = ?', [row.id]);
      await em.nativeUpdate(User, { id: userId }, { passwordHash });
      return {
        kind: 'ok',
        revokedIds: await this.sessions.revokeForUser(em, userId, 'password changed'),
      };
    });
    if (outcome.kind !== 'ok') {
      throw new AppError(
        ErrorCode.INVALID_CODE,
        outcome.kind === 'wrong' ? 'Wrong code' : 'No valid code: ask for a new one',
      );
    }
    await this.sessions.announceRevoked(outcome.revokedIds);
    return true;
  }
}
