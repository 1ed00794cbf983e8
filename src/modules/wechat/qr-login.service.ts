import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../app/context.js';
import { seal, unseal } from '../../auth/sealing.js';
import type { Config } from '../../config/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import type { KeyValueStore, Logger, PubSub } from '../../infra/index.js';
import type { RateLimiter } from '../../infra/rate-limiter.js';
import type { WechatClient } from '../../infra/wechat-client.js';
import type { AuthPayload } from '../accounts/accounts.types.js';
import { User } from '../accounts/user.entity.js';
import { requireApp, type WechatAccountService } from './wechat-account.service.js';
import { WechatQrLoginStatus, type WechatQrLogin } from './wechat.types.js';

export const QR_STATE_TTL_MS = 5 * 60_000;
export const QR_RESULT_TTL_MS = 2 * 60_000;
const PENDING = JSON.stringify({ status: 'PENDING' });
const CLAIMED = JSON.stringify({ status: 'CLAIMED' });
const STATE_PATTERN = /^[A-Za-z0-9_-]{22,86}$/;

interface SealedTokens {
  userId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

type QrRecord =
  | { status: 'PENDING' | 'CLAIMED' }
  | { status: 'COMPLETED'; sealed: string }
  | { status: 'FAILED'; code: string; errcode: number | null };

/** What a `wechatLoginCompleted` subscriber receives (once). */
export type QrOutcome =
  | { kind: 'completed'; sealed: string }
  | { kind: 'failed'; code: string; errcode: number | null }
  | { kind: 'expired' };

/** Result of the OAuth callback, for the HTML page. */
export type CallbackOutcome = 'completed' | 'invalid-state' | 'wechat-failed';

const key = (state: string) => `wechat-qr:${state}`;
const topic = (state: string) => `wechat.qr:${state}`;

/**
 * Website QR-code login. `start` parks a random state (256 bits) as PENDING
 * for 5 minutes; WeChat's redirect to the callback claims it atomically,
 * exchanges the code, signs the person in and parks the result (sealed) as
 * COMPLETED for 2 minutes, then announces it. Subscribers subscribe first and
 * read the store second, so they never miss a result; other instances see it
 * through Redis.
 */
export class QrLoginService {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly pubsub: PubSub,
    private readonly accounts: WechatAccountService,
    private readonly client: WechatClient,
    private readonly limiter: RateLimiter,
    private readonly sealingKey: Uint8Array,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  /** Starts a QR login: the state and the WeChat authorize URL to show as a QR code. */
  async start(ctx: RequestContext): Promise<WechatQrLogin> {
    const app = requireApp(this.config.wechat.web, 'website');
    const limit = await this.limiter.hit(`wechat-qr:ip:${ctx.ip}`, {
      limit: 30,
      windowMs: 10 * 60_000,
    });
    if (!limit.allowed) throw AppError.rateLimited(limit.retryAfterMs / 1000);
    const state = randomBytes(32).toString('base64url');
    await this.kv.set(key(state), PENDING, QR_STATE_TTL_MS);
    const redirectUri = `${this.config.http.publicUrl}/auth/wechat/callback`;
    const query = new URLSearchParams({
      appid: app.appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'snsapi_login',
      state,
    });
    return {
      state,
      authorizeUrl: `${this.config.wechat.openBase}/connect/qrconnect?${query.toString()}#wechat_redirect`,
      expiresAt: new Date(Date.now() + QR_STATE_TTL_MS),
    };
  }

  private async read(state: string): Promise<QrRecord | undefined> {
    if (!STATE_PATTERN.test(state)) return undefined;
    const raw = await this.kv.get(key(state));
    return raw ? (JSON.parse(raw) as QrRecord) : undefined;
  }

  /** For clients without a WebSocket: unknown or expired states read EXPIRED. */
  async status(state: string): Promise<WechatQrLoginStatus> {
    const record = await this.read(state);
    if (!record || record.status === 'FAILED') return WechatQrLoginStatus.EXPIRED;
    return record.status === 'COMPLETED'
      ? WechatQrLoginStatus.COMPLETED
      : WechatQrLoginStatus.PENDING;
  }

  /**
   * The OAuth redirect: claims the state (once), exchanges the code, reads the
   * profile, signs the person in and publishes the result.
   */
  async complete(ctx: RequestContext, code: string, state: string): Promise<CallbackOutcome> {
    if (!STATE_PATTERN.test(state) || !code || code.length > 256) return 'invalid-state';
    if (!(await this.kv.compareAndSet(key(state), PENDING, CLAIMED, QR_STATE_TTL_MS)))
      return 'invalid-state';
    let record: QrRecord;
    try {
      const app = requireApp(this.config.wechat.web, 'website');
      const token = await this.client.oauthAccessToken(app, code);
      const info = await this.client.userInfo(token.accessToken, token.openid);
      const payload = await this.accounts.signIn(ctx, {
        appId: app.appId,
        openid: token.openid,
        unionid: token.unionid ?? info.unionid,
        nickname: info.nickname,
        avatarUrl: info.avatarUrl,
        sex: info.sex,
      });
      const tokens: SealedTokens = {
        userId: payload.user.id,
        accessToken: payload.accessToken,
        accessTokenExpiresAt: payload.accessTokenExpiresAt.toISOString(),
        refreshToken: payload.refreshToken,
      };
      record = { status: 'COMPLETED', sealed: seal(this.sealingKey, tokens) };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      record = {
        status: 'FAILED',
        code: err.code,
        errcode: typeof err.extensions.errcode === 'number' ? err.extensions.errcode : null,
      };
    }
    await this.kv.set(key(state), JSON.stringify(record), QR_RESULT_TTL_MS);
    await this.pubsub.publish(topic(state), { status: record.status });
    this.log.info({ outcome: record.status }, 'wechat qr login callback');
    return record.status === 'COMPLETED' ? 'completed' : 'wechat-failed';
  }

  /**
   * Subscribes to the state's completion. Subscribes first, then reads the
   * store: a result that already exists is delivered at once, one that comes
   * later arrives as an event. Unknown or expired states are refused.
   */
  async subscribe(state: string): Promise<AsyncIterableIterator<QrOutcome>> {
    if (!STATE_PATTERN.test(state))
      throw new AppError(ErrorCode.INVALID_CODE, 'Unknown or expired login state');
    const events = await this.pubsub.subscribe<unknown>(topic(state));
    const record = await this.read(state).catch(async (err: unknown) => {
      await events.return?.();
      throw err;
    });
    if (!record || record.status === 'FAILED') {
      await events.return?.();
      throw new AppError(ErrorCode.INVALID_CODE, 'Unknown or expired login state');
    }
    return this.outcome(state, record, events);
  }

  private async *outcome(
    state: string,
    first: QrRecord,
    events: AsyncIterableIterator<unknown>,
  ): AsyncGenerator<QrOutcome> {
    try {
      let record: QrRecord | undefined = first;
      const ttl = (await this.kv.ttl(key(state))) ?? 0;
      const deadline = Date.now() + ttl;
      while (record && (record.status === 'PENDING' || record.status === 'CLAIMED')) {
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<'expired'>((resolve) => {
          timer = setTimeout(() => resolve('expired'), Math.max(0, deadline - Date.now()));
        });
        const next = await Promise.race([events.next(), expired]);
        clearTimeout(timer);
        if (next === 'expired' || next.done) {
          record = undefined;
          break;
        }
        record = await this.read(state);
      }
      if (!record) yield { kind: 'expired' };
      else if (record.status === 'COMPLETED') yield { kind: 'completed', sealed: record.sealed };
      else if (record.status === 'FAILED')
        yield { kind: 'failed', code: record.code, errcode: record.errcode };
    } finally {
      await events.return?.();
    }
  }

  /** Turns an outcome into the subscriber's AuthPayload (or its error), with a fresh EntityManager. */
  async deliver(ctx: RequestContext, outcome: QrOutcome): Promise<AuthPayload> {
    if (outcome.kind === 'expired')
      throw new AppError(ErrorCode.INVALID_CODE, 'The QR login expired; start a new one');
    if (outcome.kind === 'failed') {
      const code =
        outcome.code === ErrorCode.INVALID_CODE ? ErrorCode.INVALID_CODE : ErrorCode.WECHAT_ERROR;
      throw new AppError(code, 'WeChat login failed; start a new one', {
        errcode: outcome.errcode,
      });
    }
    const tokens = unseal<SealedTokens>(this.sealingKey, outcome.sealed);
    if (!tokens) throw new AppError(ErrorCode.INVALID_CODE, 'Unknown or expired login state');
    const user = await ctx.fresh().em.findOneOrFail(User, tokens.userId);
    return {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: new Date(tokens.accessTokenExpiresAt),
      refreshToken: tokens.refreshToken,
      user,
    };
  }
}
