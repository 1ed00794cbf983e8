import type { Config } from '../config/index.js';
import type { Logger } from './logger.js';
import { MemoryKeyValueStore, type KeyValueStore } from './kv-store.js';
import { InProcessPubSub, RedisPubSubBus, type PubSub } from './pubsub.js';
import { createRedisClient } from './redis.js';
import { RedisKeyValueStore } from './redis-kv-store.js';

export { EventQueue } from './event-queue.js';
export type { KeyValueStore, TokenResult } from './kv-store.js';
export type { PubSub } from './pubsub.js';
export { deferredIterable, toTypeGraphqlPubSub } from './pubsub.js';
export { createLogger, type Logger } from './logger.js';

/** Shared state and messaging between instances. */
export interface Infrastructure {
  readonly pubsub: PubSub;
  readonly kv: KeyValueStore;
  readonly redisConfigured: boolean;
  /**
   * Waits (bounded) until Redis answers, so the first requests do not fail
   * while the connection is still being made. Never throws: the service
   * starts without Redis and reconnects in the background.
   */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Redis-backed pub/sub and key-value store when `REDIS_URL` is set (required
 * for more than one instance), in-process implementations otherwise.
 */
export function createInfrastructure(config: Config, log: Logger): Infrastructure {
  if (!config.redis.url) {
    const pubsub = new InProcessPubSub();
    const kv = new MemoryKeyValueStore();
    return {
      pubsub,
      kv,
      redisConfigured: false,
      ready: () => Promise.resolve(true),
      close: async () => {
        await pubsub.close();
        await kv.close();
      },
    };
  }
  const redisLog = log.child({ component: 'redis' });
  const clients = {
    kv: createRedisClient(config, redisLog, { role: 'kv', offlineQueue: false }),
    publisher: createRedisClient(config, redisLog, { role: 'publisher', offlineQueue: false }),
    subscriber: createRedisClient(config, redisLog, { role: 'subscriber', offlineQueue: true }),
  };
  const kv = new RedisKeyValueStore(clients.kv, config.redis.keyPrefix);
  const pubsub = new RedisPubSubBus(
    clients.publisher,
    clients.subscriber,
    config.redis.keyPrefix,
    redisLog,
  );
  return {
    pubsub,
    kv,
    redisConfigured: true,
    async ready(timeoutMs) {
      const all = Object.values(clients).map((client) =>
        client.status === 'ready'
          ? Promise.resolve()
          : new Promise<void>((resolve) => client.once('ready', () => resolve())),
      );
      let timer: NodeJS.Timeout | undefined;
      const ok = await Promise.race([
        Promise.all(all).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!ok)
        redisLog.warn(
          'redis is not reachable yet; starting anyway and reconnecting in the background',
        );
      return ok;
    },
    close: async () => {
      await pubsub.close();
      await kv.close();
    },
  };
}
