import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/index.js';

const load = (env: Record<string, string>) => loadConfig(env, '/srv/app');

describe('config', () => {
  it('has working defaults for development', () => {
    const config = load({});
    expect(config.http).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      publicUrl: 'http://127.0.0.1:4000',
      playground: true,
    });
    expect(config.database.url).toBeUndefined();
    expect(config.redis.url).toBeUndefined();
    expect(config.dataDir).toBe('/srv/app/.data');
    expect(config.auth).toMatchObject({
      accessTokenTtlMs: 15 * 60_000,
      refreshTokenTtlMs: 30 * 86_400_000,
      sessionPolicy: 'single',
    });
    expect(config.shop.orderPaymentTimeoutMs).toBe(30 * 60_000);
    expect(Object.isFrozen(config) && Object.isFrozen(config.http)).toBe(true);
  });

  it('parses every documented variable', () => {
    const config = load({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/campus',
      DATABASE_READ_URLS: 'postgres://u:p@r1/campus, postgres://u:p@r2/campus',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'x'.repeat(32),
      ACCESS_TOKEN_TTL: '5m',
      REFRESH_TOKEN_TTL: '7d',
      SESSION_POLICY: 'multi',
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'long enough',
      PUBLIC_URL: 'https://campus.example.com/',
      SMTP_URL: 'smtp://mail:25',
      MAIL_FROM: 'campus@example.com',
      PLAYGROUND: 'true',
      ORDER_PAYMENT_TIMEOUT: '15m',
      CORS_ORIGINS: 'https://a.example.com,https://b.example.com',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
    });
    expect(config.isProduction).toBe(true);
    expect(config.http).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://campus.example.com',
      playground: true,
      trustProxy: 1,
    });
    expect(config.http.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.database.readUrls).toHaveLength(2);
    expect(config.auth).toMatchObject({
      accessTokenTtlMs: 300_000,
      sessionPolicy: 'multi',
      admin: { username: 'root' },
    });
    expect(config.log.level).toBe('warn');
  });

  it.each([
    [
      { PORT: 'abc' },
      /^Invalid configuration: PORT must be an integer from 0 to 65535, got "abc"$/,
    ],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://x/y' }, /DATABASE_URL must be a postgres/],
    [{ DATABASE_URL: 'postgres://host' }, /DATABASE_URL must name a database/],
    [{ ACCESS_TOKEN_TTL: '15' }, /ACCESS_TOKEN_TTL must be a duration/],
    [{ SESSION_POLICY: 'some' }, /SESSION_POLICY/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET is required when NODE_ENV=production/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 bytes/],
    [{ ADMIN_USERNAME: 'root' }, /ADMIN_PASSWORD is required when ADMIN_USERNAME is set/],
    [{ WECHAT_MP_APP_ID: 'wx1' }, /WECHAT_MP_APP_ID and WECHAT_MP_APP_SECRET must be set together/],
    [
      { ALIPAY_APP_PRIVATE_KEY: 'nope' },
      /ALIPAY_APP_PRIVATE_KEY must be an RSA private key in PEM format/,
    ],
    [{ PLAYGROUND: 'maybe' }, /PLAYGROUND must be true or false/],
    [{ CATALOG_CACHE_TTL: 'soon' }, /CATALOG_CACHE_TTL must be 0 or a duration like 2s or 500ms/],
    [{ STOCK_PUSH_INTERVAL: '-1' }, /STOCK_PUSH_INTERVAL must be 0 or a duration like 250ms or 1s/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      load(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads the seat push interval and the catalogue cache TTL: default, 0 for off, or a duration', () => {
    expect(load({})).toMatchObject({ stockPushIntervalMs: 500, catalogCacheTtlMs: 2_000 });
    expect(load({ STOCK_PUSH_INTERVAL: '0', CATALOG_CACHE_TTL: '0' })).toMatchObject({
      stockPushIntervalMs: 0,
      catalogCacheTtlMs: 0,
    });
    expect(load({ STOCK_PUSH_INTERVAL: '250ms', CATALOG_CACHE_TTL: '5s' })).toMatchObject({
      stockPushIntervalMs: 250,
      catalogCacheTtlMs: 5_000,
    });
  });

  it('turns the playground and introspection off in production unless PLAYGROUND=true', () => {
    expect(load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).http.playground).toBe(
      false,
    );
    expect(
      load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PLAYGROUND: 'true' }).http
        .playground,
    ).toBe(true);
  });
});
