import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config/index.js';
import type { Logger } from './logger.js';

export type RedisClient = Redis | Cluster;

export interface RedisClientOptions {
  /** Name for logs, e.g. `kv`, `publisher`, `subscriber`. */
  readonly role: string;
  /**
   * Queue commands while disconnected. Off for the key-value store and the
   * publisher so that an outage fails fast instead of hanging requests; on for
   * the subscriber so SUBSCRIBE waits for the connection to come back.
   */
  readonly offlineQueue: boolean;
}

/**
 * Creates an ioredis client (or Cluster client when `REDIS_CLUSTER_NODES` is set)
 * that reconnects forever with capped backoff and never crashes the process:
 * connection errors are logged (once per outage) and retried.
 */
export function createRedisClient(
  config: Config,
  log: Logger,
  options: RedisClientOptions,
): RedisClient {
  const url = config.redis.url;
  if (!url) throw new Error('createRedisClient called without REDIS_URL');
  const common: RedisOptions = {
    lazyConnect: false,
    enableOfflineQueue: options.offlineQueue,
    maxRetriesPerRequest: options.offlineQueue ? null : 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000),
    reconnectOnError: () => true,
    connectionName: `campus-${options.role}`,
  };
  const client: RedisClient =
    config.redis.clusterNodes.length > 0
      ? new Cluster(
          config.redis.clusterNodes.map((node) => {
            const [host, port] = node.split(':');
            return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
          }),
          {
            redisOptions: { ...common, ...redisAuth(url) },
            enableOfflineQueue: options.offlineQueue,
          },
        )
      : new Redis(url, common);

  let down = false;
  client.on('error', (err: Error) => {
    if (!down)
      log.warn({ err: { message: err.message }, role: options.role }, 'redis connection problem');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info({ role: options.role }, 'redis connection restored');
    down = false;
  });
  return client;
}

function redisAuth(url: string): Partial<RedisOptions> {
  const parsed = new URL(url);
  return {
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Closes a client without throwing, whatever its state. */
export async function closeRedisClient(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
