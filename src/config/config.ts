import { createPrivateKey, createPublicKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from './durations.js';

export type NodeEnv = 'development' | 'production' | 'test';
export type SessionPolicy = 'single' | 'multi';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** WeChat app credentials (mini-program or website app). */
export interface WechatAppCredentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** Rate-limit rule: at most `limit` events per `windowMs`. */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** The validated, frozen service configuration. Only this module reads `process.env`. */
export interface Config {
  readonly env: NodeEnv;
  readonly isProduction: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: boolean | number | string;
    readonly playground: boolean;
    readonly bodyLimitBytes: number;
  };
  readonly database: {
    /** Undefined means: start an embedded PostgreSQL in `dataDir`. */
    readonly url: string | undefined;
    readonly readUrls: readonly string[];
    readonly poolMax: number;
  };
  readonly dataDir: string;
  readonly redis: {
    /** Undefined means: in-process pub/sub and key-value store (single instance only). */
    readonly url: string | undefined;
    /** Comma-separated `host:port` seed nodes: use ioredis Cluster instead of a single node. */
    readonly clusterNodes: readonly string[];
    /** Prefix of every key and channel, so deployments (and test runs) can share one Redis. */
    readonly keyPrefix: string;
  };
  readonly auth: {
    /** Undefined in development: a key is generated once into `dataDir`. */
    readonly jwtSecret: string | undefined;
    readonly accessTokenTtlMs: number;
    readonly refreshTokenTtlMs: number;
    readonly sessionPolicy: SessionPolicy;
    readonly admin: { readonly username: string; readonly password: string } | undefined;
  };
  readonly wechat: {
    readonly apiBase: string;
    readonly openBase: string;
    readonly miniProgram: WechatAppCredentials | undefined;
    readonly web: WechatAppCredentials | undefined;
    /** Per-request timeout of calls to WeChat. */
    readonly timeoutMs: number;
  };
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly alipay: {
    readonly gateway: string;
    readonly appId: string | undefined;
    readonly appPrivateKey: string | undefined;
    readonly publicKey: string | undefined;
  };
  readonly shop: { readonly orderPaymentTimeoutMs: number; readonly sweepIntervalMs: number };
  /** Live seat counts reach each subscriber at most this often (latest value per course); 0 = every change. */
  readonly stockPushIntervalMs: number;
  /** How long a course listing page may be served from memory (seat counts stay live); 0 disables. */
  readonly catalogCacheTtlMs: number;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxComplexity: number;
    readonly maxAliases: number;
    readonly maxDirectives: number;
    readonly maxTokens: number;
    readonly rateLimitIp: RateRule;
    readonly rateLimitUser: RateRule;
    readonly wsMaxConnectionsPerIp: number;
    readonly wsMaxSubscriptionsPerConnection: number;
    readonly wsMaxMessageBytes: number;
    readonly wsConnectionInitTimeoutMs: number;
  };
  readonly log: { readonly level: LogLevel };
}

/** Thrown when the environment is invalid; its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intIn = (min: number, max: number, fallback: number) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an integer from ${min} to ${max}, got "${v}"`,
      });
      return z.NEVER;
    }
    return n;
  });

const duration = (fallback: string) =>
  optional.transform((v, ctx) => {
    const ms = parseDuration(v ?? fallback);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a duration like 15m, 30d, 90s or 500ms, got "${v}"`,
      });
      return z.NEVER;
    }
    return ms;
  });

/** A duration where `0` switches the feature off (returns 0). */
const durationOrOff = (fallbackMs: number, example: string) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallbackMs;
    if (v === '0') return 0;
    const ms = parseDuration(v);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be 0 or a duration like ${example}, got "${v}"`,
      });
      return z.NEVER;
    }
    return ms;
  });

const bool = (fallback: boolean | undefined) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, got "${v}"` });
    return z.NEVER;
  });

const url = (protocols: readonly string[], what: string) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a ${what} URL` });
      return z.NEVER;
    }
    if (!protocols.includes(parsed.protocol) || parsed.hostname === '') {
      ctx.addIssue({
        code: 'custom',
        message: `must be a ${what} URL (${protocols.join(' or ')}//host…)`,
      });
      return z.NEVER;
    }
    return v.replace(/\/+$/, '');
  });

const postgresUrl = url(['postgres:', 'postgresql:'], 'postgres://user:pass@host:port/db').refine(
  (v) => v === undefined || new URL(v).pathname.length > 1,
  { message: 'must name a database (postgres://user:pass@host:port/db)' },
);

const httpUrl = url(['http:', 'https:'], 'http(s)');

const list = optional.transform((v) =>
  v === undefined
    ? []
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
);

const pem = (kind: 'private' | 'public') =>
  optional.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const text = v.includes('-----BEGIN') ? v.replace(/\\n/g, '\n') : v;
    try {
      if (kind === 'private') createPrivateKey(text);
      else createPublicKey(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be an RSA ${kind} key in PEM format` });
      return z.NEVER;
    }
    return text;
  });

const schema = z.object({
  NODE_ENV: optional.pipe(z.enum(['development', 'production', 'test']).optional()),
  PORT: intIn(0, 65535, 4000),
  HOST: optional,
  PUBLIC_URL: httpUrl,
  DATABASE_URL: postgresUrl,
  DATABASE_READ_URLS: list,
  DATABASE_POOL_MAX: intIn(1, 1000, 10),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://host:port'),
  REDIS_CLUSTER_NODES: list,
  REDIS_KEY_PREFIX: optional,
  DATA_DIR: optional,
  JWT_SECRET: optional,
  ACCESS_TOKEN_TTL: duration('15m'),
  REFRESH_TOKEN_TTL: duration('30d'),
  SESSION_POLICY: optional.pipe(z.enum(['single', 'multi']).optional()),
  ADMIN_USERNAME: optional,
  ADMIN_PASSWORD: optional,
  WECHAT_API_BASE: httpUrl,
  WECHAT_OPEN_BASE: httpUrl,
  WECHAT_MP_APP_ID: optional,
  WECHAT_MP_APP_SECRET: optional,
  WECHAT_WEB_APP_ID: optional,
  WECHAT_WEB_APP_SECRET: optional,
  WECHAT_TIMEOUT: duration('5s'),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp://host:port'),
  MAIL_FROM: optional,
  ALIPAY_GATEWAY: httpUrl,
  ALIPAY_APP_ID: optional,
  ALIPAY_APP_PRIVATE_KEY: pem('private'),
  ALIPAY_PUBLIC_KEY: pem('public'),
  PLAYGROUND: bool(undefined),
  ORDER_PAYMENT_TIMEOUT: duration('30m'),
  ORDER_SWEEP_INTERVAL: duration('30s'),
  CATALOG_CACHE_TTL: durationOrOff(2_000, '2s or 500ms'),
  STOCK_PUSH_INTERVAL: durationOrOff(500, '250ms or 1s'),
  CORS_ORIGINS: list,
  TRUST_PROXY: optional,
  LOG_LEVEL: optional.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  BODY_LIMIT_BYTES: intIn(1024, 100 * 1024 * 1024, 1024 * 1024),
  GRAPHQL_MAX_DEPTH: intIn(1, 100, 10),
  GRAPHQL_MAX_COMPLEXITY: intIn(1, 10_000_000, 10_000),
  GRAPHQL_MAX_ALIASES: intIn(0, 1000, 30),
  GRAPHQL_MAX_DIRECTIVES: intIn(0, 1000, 50),
  GRAPHQL_MAX_TOKENS: intIn(10, 1_000_000, 2000),
  RATE_LIMIT_IP_PER_MINUTE: intIn(1, 10_000_000, 3000),
  RATE_LIMIT_USER_PER_MINUTE: intIn(1, 10_000_000, 600),
  WS_MAX_CONNECTIONS_PER_IP: intIn(1, 1_000_000, 256),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: intIn(1, 10_000, 20),
  WS_MAX_MESSAGE_BYTES: intIn(256, 10 * 1024 * 1024, 64 * 1024),
  WS_CONNECTION_INIT_TIMEOUT: duration('10s'),
});

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined) return false;
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

function issuesToMessage(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`).join('; ');
}

/**
 * Parses and validates the environment into a frozen {@link Config}.
 * Throws {@link ConfigError} with a single line naming every bad variable.
 *
 * @param env the variables to read; `process.env` by default (tests pass their own object)
 * @param cwd the directory relative paths (`DATA_DIR`) resolve against
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${issuesToMessage(parsed.error.issues)}`);
  }
  const e = parsed.data;
  const nodeEnv: NodeEnv = e.NODE_ENV ?? 'development';
  const isProduction = nodeEnv === 'production';
  const problems: string[] = [];

  if (e.JWT_SECRET !== undefined && Buffer.byteLength(e.JWT_SECRET) < 32) {
    problems.push('JWT_SECRET must be at least 32 bytes');
  } else if (e.JWT_SECRET === undefined && isProduction) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 bytes)');
  }
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    problems.push(
      e.ADMIN_USERNAME === undefined
        ? 'ADMIN_USERNAME is required when ADMIN_PASSWORD is set'
        : 'ADMIN_PASSWORD is required when ADMIN_USERNAME is set',
    );
  }
  if (
    e.ADMIN_PASSWORD !== undefined &&
    (e.ADMIN_PASSWORD.length < 8 || e.ADMIN_PASSWORD.length > 128)
  ) {
    problems.push('ADMIN_PASSWORD must be 8 to 128 characters');
  }
  const pairs = [
    ['WECHAT_MP_APP_ID', e.WECHAT_MP_APP_ID, 'WECHAT_MP_APP_SECRET', e.WECHAT_MP_APP_SECRET],
    ['WECHAT_WEB_APP_ID', e.WECHAT_WEB_APP_ID, 'WECHAT_WEB_APP_SECRET', e.WECHAT_WEB_APP_SECRET],
  ] as const;
  for (const [idName, id, secretName, secret] of pairs) {
    if ((id === undefined) !== (secret === undefined)) {
      problems.push(`${idName} and ${secretName} must be set together`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);

  const host = e.HOST ?? '127.0.0.1';
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const config: Config = {
    env: nodeEnv,
    isProduction,
    http: {
      host,
      port: e.PORT,
      publicUrl:
        e.PUBLIC_URL ??
        `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${e.PORT}`,
      corsOrigins: e.CORS_ORIGINS,
      trustProxy: parseTrustProxy(e.TRUST_PROXY),
      playground: e.PLAYGROUND ?? !isProduction,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
    },
    database: { url: e.DATABASE_URL, readUrls: e.DATABASE_READ_URLS, poolMax: e.DATABASE_POOL_MAX },
    dataDir: path.resolve(cwd, e.DATA_DIR ?? '.data'),
    redis: {
      url: e.REDIS_URL,
      clusterNodes: e.REDIS_CLUSTER_NODES,
      keyPrefix: e.REDIS_KEY_PREFIX ?? 'campus:',
    },
    auth: {
      jwtSecret: e.JWT_SECRET,
      accessTokenTtlMs: e.ACCESS_TOKEN_TTL,
      refreshTokenTtlMs: e.REFRESH_TOKEN_TTL,
      sessionPolicy: e.SESSION_POLICY ?? 'single',
      admin:
        e.ADMIN_USERNAME !== undefined && e.ADMIN_PASSWORD !== undefined
          ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD }
          : undefined,
    },
    wechat: {
      apiBase: e.WECHAT_API_BASE ?? 'https://api.weixin.qq.com',
      openBase: e.WECHAT_OPEN_BASE ?? 'https://open.weixin.qq.com',
      miniProgram:
        e.WECHAT_MP_APP_ID && e.WECHAT_MP_APP_SECRET
          ? { appId: e.WECHAT_MP_APP_ID, appSecret: e.WECHAT_MP_APP_SECRET }
          : undefined,
      web:
        e.WECHAT_WEB_APP_ID && e.WECHAT_WEB_APP_SECRET
          ? { appId: e.WECHAT_WEB_APP_ID, appSecret: e.WECHAT_WEB_APP_SECRET }
          : undefined,
      timeoutMs: e.WECHAT_TIMEOUT,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? 'no-reply@localhost' },
    alipay: {
      gateway: e.ALIPAY_GATEWAY ?? 'https://openapi.alipay.com/gateway.do',
      appId: e.ALIPAY_APP_ID,
      appPrivateKey: e.ALIPAY_APP_PRIVATE_KEY,
      publicKey: e.ALIPAY_PUBLIC_KEY,
    },
    shop: {
      orderPaymentTimeoutMs: e.ORDER_PAYMENT_TIMEOUT,
      sweepIntervalMs: e.ORDER_SWEEP_INTERVAL,
    },
    stockPushIntervalMs: e.STOCK_PUSH_INTERVAL,
    catalogCacheTtlMs: e.CATALOG_CACHE_TTL,
    limits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxComplexity: e.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      rateLimitIp: { limit: e.RATE_LIMIT_IP_PER_MINUTE, windowMs: 60_000 },
      rateLimitUser: { limit: e.RATE_LIMIT_USER_PER_MINUTE, windowMs: 60_000 },
      wsMaxConnectionsPerIp: e.WS_MAX_CONNECTIONS_PER_IP,
      wsMaxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      wsMaxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
      wsConnectionInitTimeoutMs: e.WS_CONNECTION_INIT_TIMEOUT,
    },
    log: { level: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info') },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Returns a copy of `base` with some fields replaced; used by tests and by
 * scripts that need a variant of the configuration (never reads the environment).
 */
export function withOverrides(base: Config, overrides: DeepPartial<Config>): Config {
  const copy = structuredClone(base) as unknown as Record<string, unknown>;
  return deepFreeze(merge(copy, overrides as object) as unknown as Config);
}

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? DeepPartial<T[K]>
      : T[K];
};

function merge(target: Record<string, unknown>, source: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(source) as [string, unknown][]) {
    const current = target[key];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object'
    ) {
      target[key] = merge(current as Record<string, unknown>, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
