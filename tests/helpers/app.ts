import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { Logger } from '../../src/infra/index.js';
import { TestClient } from './client.js';
import { createTestDatabase } from './database.js';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

export interface TestAppOptions {
  /** Extra environment variables (as a user would set them). */
  readonly env?: Record<string, string | undefined>;
  /** Share a database with another test app (multi-instance tests). */
  readonly databaseUrl?: string;
  /** Redis: `default` = the run's Redis when there is one; `none` = in-process; or a URL. */
  readonly redis?: string;
  /** Share Redis keys/channels with another test app (multi-instance tests). */
  readonly redisKeyPrefix?: string;
  readonly onQuery?: (sql: string) => void;
  /** A logger to capture what the app logs. */
  readonly log?: Logger;
}

export interface TestApp {
  readonly app: App;
  readonly config: Config;
  readonly url: string;
  readonly databaseUrl: string;
  readonly redisKeyPrefix: string;
  /** Anonymous client; `client.as(token)` for a signed-in one. */
  readonly client: TestClient;
  close(): Promise<void>;
}

/** Waits until this app holds at least `count` live pub/sub subscriptions (a subscriber is ready). */
export async function waitForSubscribers(
  app: App,
  count: number,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (app.infra.pubsub.activeSubscriptions < count) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${count} subscribers (have ${app.infra.pubsub.activeSubscriptions})`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The run's Redis URL, or null when tests run without Redis. */
export function runRedisUrl(): string | null {
  return inject('redisUrl');
}

/** Builds a test configuration from an environment object (never from process.env). */
export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: '.test-data/app',
    PLAYGROUND: 'true',
    ...env,
  });
}

/**
 * Starts a real app instance on a free port, with its own database (cloned
 * from the migrated template) unless one is given.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const redisKeyPrefix = options.redisKeyPrefix ?? `t${randomBytes(4).toString('hex')}:`;
  const redisChoice = options.redis ?? 'default';
  const redisUrl =
    redisChoice === 'none'
      ? undefined
      : redisChoice === 'default'
        ? (runRedisUrl() ?? undefined)
        : redisChoice;
  const config = testConfig({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    ...options.env,
  });
  const app = await createApp(config, {
    databaseUrl,
    onQuery: options.onQuery,
    log: options.log,
    seedDemo: false,
  });
  const url = await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    url,
    databaseUrl,
    redisKeyPrefix,
    client: new TestClient(url),
    close: () => app.close(),
  };
}
