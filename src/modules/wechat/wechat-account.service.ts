import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import type { Config, WechatAppCredentials } from '../../config/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { Logger } from '../../infra/index.js';
import type { WechatClient } from '../../infra/wechat-client.js';
import type { AuthPayload } from '../accounts/accounts.types.js';
import type { AuthService } from '../accounts/auth.service.js';
import { Gender, User } from '../accounts/user.entity.js';
import { WechatIdentity } from './wechat-identity.entity.js';

/** What WeChat told us about the person signing in. */
export interface WechatProfile {
  readonly appId: string;
  readonly openid: string;
  readonly unionid: string | undefined;
  readonly nickname?: string;
  readonly avatarUrl?: string;
  readonly sex?: number;
}

const DEFAULT_NICKNAME = '微信用户';

/** The configured app, or WECHAT_ERROR when that login is not set up on this server. */
export function requireApp(
  app: WechatAppCredentials | undefined,
  which: string,
): WechatAppCredentials {
  if (!app)
    throw new AppError(
      ErrorCode.WECHAT_ERROR,
      `WeChat ${which} login is not configured on this server`,
      { errcode: null, reason: 'NOT_CONFIGURED' },
    );
  return app;
}

/**
 * One account per person across WeChat apps: a login finds the user by
 * unionid first, then by the app's openid, else creates one. Concurrent first
 * logins of one person collide on the unique constraints and are retried, so
 * they end in the same account.
 */
export class WechatAccountService {
  constructor(
    private readonly auth: AuthService,
    private readonly client: WechatClient,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  /** Mini-program login: exchanges a `wx.login()` code and signs the person in. */
  async miniProgramLogin(ctx: RequestContext, code: string): Promise<AuthPayload> {
    const app = requireApp(this.config.wechat.miniProgram, 'mini-program');
    const trimmed = code.trim();
    if (trimmed === '' || trimmed.length > 256)
      throw AppError.badInput('code', 'A wx.login() code is required');
    const session = await this.client.jscode2session(app, trimmed);
    return this.signIn(ctx, { appId: app.appId, openid: session.openid, unionid: session.unionid });
  }

  /** Finds or creates the person's account and opens a session for it. */
  async signIn(ctx: RequestContext, profile: WechatProfile): Promise<AuthPayload> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.auth.signIn(ctx, (em) => this.resolveUser(em, profile));
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException) || attempt >= 3) throw err;
        this.log.info({ attempt }, 'concurrent first WeChat login; retrying');
      }
    }
  }

  private async resolveUser(em: EntityManager, profile: WechatProfile): Promise<User> {
    const identity = await em.findOne(
      WechatIdentity,
      { appId: profile.appId, openid: profile.openid },
      { populate: ['user'] },
    );
    const byUnion = profile.unionid
      ? await em.findOne(User, { wechatUnionid: profile.unionid })
      : null;
    let user = byUnion ?? identity?.user ?? null;
    if (!user) {
      user = em.create(User, {
        nickname: profile.nickname?.slice(0, 50) || DEFAULT_NICKNAME,
        avatarUrl: profile.avatarUrl ?? null,
        gender:
          profile.sex === 1 ? Gender.MALE : profile.sex === 2 ? Gender.FEMALE : Gender.UNKNOWN,
        wechatUnionid: profile.unionid ?? null,
      });
    } else {
      if (profile.unionid && !user.wechatUnionid) user.wechatUnionid = profile.unionid;
      if (!user.avatarUrl && profile.avatarUrl) user.avatarUrl = profile.avatarUrl;
      if (user.nickname === DEFAULT_NICKNAME && profile.nickname)
        user.nickname = profile.nickname.slice(0, 50);
    }
    if (!identity) {
      em.create(WechatIdentity, {
        user,
        appId: profile.appId,
        openid: profile.openid,
        unionid: profile.unionid ?? null,
      });
    } else {
      identity.lastLoginAt = new Date();
      if (profile.unionid && !identity.unionid) identity.unionid = profile.unionid;
      if (identity.user.id !== user.id) {
        this.log.warn(
          { identity: identity.id },
          'openid bound to another account than its unionid; left as is',
        );
      }
    }
    await em.flush();
    return user;
  }
}
