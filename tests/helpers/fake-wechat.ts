import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface WechatPerson {
  openid: string;
  unionid?: string;
  nickname?: string;
  headimgurl?: string;
  sex?: number;
}

export const MP_APP = { appId: 'wx-mini-program', secret: 'mp-secret-value' };
export const WEB_APP = { appId: 'wx-website', secret: 'web-secret-value' };

/** Codes with a fixed behaviour, as WeChat would answer them. */
export const SPECIAL_CODES = {
  invalid: 'code-invalid', // 40029
  risky: 'code-risky', // 40226
  busy: 'code-busy', // -1 system busy
  slow: 'code-slow', // answers after the client's timeout
  notJson: 'code-html', // an HTML error page
} as const;

/**
 * A local WeChat API (jscode2session, sns/oauth2/access_token, sns/userinfo)
 * speaking WeChat's protocol: errors are HTTP 200 with an errcode, codes are
 * single-use (40163 on reuse), unknown codes are 40029.
 */
export interface FakeWechat {
  readonly url: string;
  /** A fresh code that jscode2session exchanges for this person. */
  miniCode(person: WechatPerson): string;
  /** A fresh code that oauth2/access_token exchanges for this person (website login). */
  webCode(person: WechatPerson): string;
  /** Every request received: path and query (tests check what was sent). */
  readonly requests: { path: string; query: Record<string, string> }[];
  /** Delay for SPECIAL_CODES.slow. */
  slowMs: number;
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  const miniCodes = new Map<string, WechatPerson>();
  const webCodes = new Map<string, WechatPerson>();
  const accessTokens = new Map<string, WechatPerson>();
  const used = new Set<string>();
  const requests: FakeWechat['requests'] = [];
  const state = { slowMs: 1_000 };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const errcode = (code: number, msg: string) =>
      json({ errcode: code, errmsg: `${msg}, rid: ${randomBytes(4).toString('hex')}` });

    const code = query.js_code ?? query.code ?? '';
    if (code === SPECIAL_CODES.slow) {
      setTimeout(() => json({ errcode: -1, errmsg: 'too late' }), state.slowMs);
      return;
    }
    if (code === SPECIAL_CODES.notJson) {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (code === SPECIAL_CODES.busy) return errcode(-1, 'system error');
    if (code === SPECIAL_CODES.risky) return errcode(40226, 'high risk user');

    if (url.pathname === '/sns/jscode2session') {
      if (query.appid !== MP_APP.appId || query.secret !== MP_APP.secret)
        return errcode(40125, 'invalid appsecret');
      if (query.grant_type !== 'authorization_code') return errcode(40002, 'invalid grant_type');
      if (used.has(code)) return errcode(40163, 'code been used');
      const person = miniCodes.get(code);
      if (!person) return errcode(40029, 'invalid code');
      used.add(code);
      return json({
        openid: person.openid,
        session_key: `sk-${randomBytes(12).toString('base64')}`,
        ...(person.unionid ? { unionid: person.unionid } : {}),
      });
    }
    if (url.pathname === '/sns/oauth2/access_token') {
      if (query.appid !== WEB_APP.appId || query.secret !== WEB_APP.secret)
        return errcode(40125, 'invalid appsecret');
      if (used.has(code)) return errcode(40163, 'code been used');
      const person = webCodes.get(code);
      if (!person) return errcode(40029, 'invalid code');
      used.add(code);
      const token = `at-${randomBytes(8).toString('hex')}`;
      accessTokens.set(token, person);
      return json({
        access_token: token,
        expires_in: 7200,
        refresh_token: `rt-${randomBytes(8).toString('hex')}`,
        openid: person.openid,
        scope: 'snsapi_login',
        ...(person.unionid ? { unionid: person.unionid } : {}),
      });
    }
    if (url.pathname === '/sns/userinfo') {
      const person = accessTokens.get(query.access_token ?? '');
      if (!person || person.openid !== query.openid)
        return errcode(40001, 'invalid credential, access_token is invalid');
      return json({
        openid: person.openid,
        nickname: person.nickname ?? '微信用户',
        sex: person.sex ?? 0,
        province: '',
        city: '',
        country: 'CN',
        headimgurl: person.headimgurl ?? '',
        privilege: [],
        ...(person.unionid ? { unionid: person.unionid } : {}),
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const issue = (map: Map<string, WechatPerson>, person: WechatPerson) => {
    const code = randomBytes(12).toString('hex');
    map.set(code, person);
    return code;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    miniCode: (person) => issue(miniCodes, person),
    webCode: (person) => issue(webCodes, person),
    requests,
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms: number) {
      state.slowMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The environment that points an app at the fake. */
export function wechatEnv(fake: FakeWechat): Record<string, string> {
  return {
    WECHAT_API_BASE: fake.url,
    WECHAT_OPEN_BASE: 'https://open.weixin.qq.com',
    WECHAT_MP_APP_ID: MP_APP.appId,
    WECHAT_MP_APP_SECRET: MP_APP.secret,
    WECHAT_WEB_APP_ID: WEB_APP.appId,
    WECHAT_WEB_APP_SECRET: WEB_APP.secret,
    WECHAT_TIMEOUT: '300ms',
    PUBLIC_URL: 'https://campus.example.com',
  };
}
