import { Router, type Request } from 'express';
import type { RequestContext } from '../../app/context.js';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../infra/index.js';
import type { CallbackOutcome, QrLoginService } from './qr-login.service.js';

const PAGES: Record<CallbackOutcome | 'error', { status: number; title: string; text: string }> = {
  completed: {
    status: 200,
    title: '登录成功 · Signed in',
    text: '登录成功，请回到原页面继续。 You are signed in; return to the page you came from.',
  },
  'invalid-state': {
    status: 400,
    title: '链接无效 · Link expired',
    text: '这个登录链接无效或已过期，请重新扫码。 This login link is invalid or has expired; scan a new QR code.',
  },
  'wechat-failed': {
    status: 502,
    title: '微信登录失败 · WeChat login failed',
    text: '微信暂时无法完成登录，请重新扫码。 WeChat could not complete the login; scan a new QR code.',
  },
  error: {
    status: 500,
    title: '出错了 · Something went wrong',
    text: '请稍后重试。 Please try again later.',
  },
};

function page(outcome: CallbackOutcome | 'error'): string {
  const { title, text } = PAGES[outcome];
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;text-align:center;color:#222}main{padding:24px;max-width:28em}h1{font-size:1.3em}</style></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

/**
 * `GET /auth/wechat/callback?code&state`, where WeChat sends the browser (often
 * inside its login iframe) after the scan. The page is static: no script, no
 * token, nothing echoed from the query; it may be framed only by this site and
 * the configured CORS origins.
 */
export function wechatCallbackRouter(
  qr: QrLoginService,
  contextFor: (req: Request) => RequestContext,
  config: Config,
  log: Logger,
): Router {
  const router = Router();
  const ancestors = ["'self'", ...config.http.corsOrigins].join(' ');
  router.get('/auth/wechat/callback', async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    let outcome: CallbackOutcome | 'error';
    try {
      outcome = await qr.complete(contextFor(req), code, state);
    } catch (err) {
      log.error(
        { reqId: res.locals.requestId as string, err: { message: (err as Error).message } },
        'wechat callback failed',
      );
      outcome = 'error';
    }
    res.removeHeader('x-frame-options');
    res
      .status(PAGES[outcome].status)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'none'`,
      })
      .send(page(outcome));
  });
  return router;
}
