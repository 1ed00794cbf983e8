import type { WechatAppCredentials } from '../config/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import type { Logger } from './logger.js';

/** WeChat errcodes that mean the user's code is bad (not WeChat being down). */
const INVALID_CODE_ERRCODES = new Set([40029, 40163, 40226]);

/** What jscode2session tells us; `sessionKey` stays inside the service. */
export interface MiniProgramSession {
  readonly openid: string;
  readonly unionid: string | undefined;
  readonly sessionKey: string;
}

export interface OAuthToken {
  readonly accessToken: string;
  readonly openid: string;
  readonly unionid: string | undefined;
}

export interface WechatUserInfo {
  readonly openid: string;
  readonly unionid: string | undefined;
  readonly nickname: string | undefined;
  readonly avatarUrl: string | undefined;
  /** 1 = male, 2 = female, 0 = unknown. */
  readonly sex: number | undefined;
}

function wechatError(message: string, errcode: number | null, reason?: string): AppError {
  return new AppError(ErrorCode.WECHAT_ERROR, message, { errcode, ...(reason ? { reason } : {}) });
}

/**
 * The three WeChat endpoints we use, over fetch with a 5 s timeout and one
 * retry on a network failure. WeChat reports errors as HTTP 200 with an
 * `errcode`: invalid, used and high-risk codes become INVALID_CODE, anything
 * else (and timeouts, non-JSON answers) WECHAT_ERROR with `extensions.errcode`.
 * App secrets, codes and session keys are never logged.
 */
export class WechatClient {
  constructor(
    private readonly baseUrl: string,
    private readonly log: Logger,
    private readonly timeoutMs = 5_000,
  ) {}

  private async get(
    path: string,
    params: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(params).toString()}`;
    let response: Response | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        response = await fetch(url, {
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: { accept: 'application/json' },
        });
        break;
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          this.log.warn({ path, ms: this.timeoutMs }, 'wechat request timed out');
          throw wechatError('WeChat did not answer in time', null, 'TIMEOUT');
        }
        if (attempt === 2) {
          this.log.warn({ path, err: { message: (err as Error).message } }, 'wechat unreachable');
          throw wechatError('WeChat is unreachable', null, 'NETWORK');
        }
      }
    }
    const text = await response!.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.log.warn(
        { path, status: response!.status },
        'wechat answered with something that is not JSON',
      );
      throw wechatError('WeChat answered with an unreadable response', null, 'BAD_RESPONSE');
    }
    if (!body || typeof body !== 'object')
      throw wechatError('WeChat answered with an unreadable response', null, 'BAD_RESPONSE');
    const data = body as Record<string, unknown>;
    const errcode = typeof data.errcode === 'number' ? data.errcode : 0;
    if (errcode !== 0) {
      this.log.info({ path, errcode }, 'wechat refused the request');
      if (INVALID_CODE_ERRCODES.has(errcode))
        throw new AppError(ErrorCode.INVALID_CODE, 'The WeChat code is invalid, used or refused', {
          errcode,
        });
      throw wechatError(`WeChat error ${errcode}`, errcode);
    }
    if (!response!.ok)
      throw wechatError(`WeChat answered HTTP ${response!.status}`, null, 'BAD_RESPONSE');
    return data;
  }

  private static text(data: Record<string, unknown>, key: string): string | undefined {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  private static required(data: Record<string, unknown>, key: string): string {
    const value = WechatClient.text(data, key);
    if (!value) throw wechatError(`WeChat answer lacks ${key}`, null, 'BAD_RESPONSE');
    return value;
  }

  /** Mini-program: exchanges a `wx.login()` code (`/sns/jscode2session`). */
  async jscode2session(app: WechatAppCredentials, code: string): Promise<MiniProgramSession> {
    const data = await this.get('/sns/jscode2session', {
      appid: app.appId,
      secret: app.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    return {
      openid: WechatClient.required(data, 'openid'),
      unionid: WechatClient.text(data, 'unionid'),
      sessionKey: WechatClient.required(data, 'session_key'),
    };
  }

  /** Website login: exchanges the OAuth2 code from the QR-code redirect (`/sns/oauth2/access_token`). */
  async oauthAccessToken(app: WechatAppCredentials, code: string): Promise<OAuthToken> {
    const data = await this.get('/sns/oauth2/access_token', {
      appid: app.appId,
      secret: app.appSecret,
      code,
      grant_type: 'authorization_code',
    });
    return {
      accessToken: WechatClient.required(data, 'access_token'),
      openid: WechatClient.required(data, 'openid'),
      unionid: WechatClient.text(data, 'unionid'),
    };
  }

  /** Website login: the user's public profile (`/sns/userinfo`). */
  async userInfo(accessToken: string, openid: string): Promise<WechatUserInfo> {
    const data = await this.get('/sns/userinfo', {
      access_token: accessToken,
      openid,
      lang: 'zh_CN',
    });
    return {
      openid: WechatClient.required(data, 'openid'),
      unionid: WechatClient.text(data, 'unionid'),
      nickname: WechatClient.text(data, 'nickname'),
      avatarUrl: WechatClient.text(data, 'headimgurl'),
      sex: typeof data.sex === 'number' ? data.sex : undefined,
    };
  }
}
