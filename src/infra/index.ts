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
      close: async () => {
        await pubsub.close();
        await kv.close();
      },
    };
  }
  const redisLog = log.child({ component: 'redis' });
  const kv = new RedisKeyValueStore(
    createRedisClient(config, redisLog, { role: 'kv', offlineQueue: false }),
    config.redis.keyPrefix,
  );
  const pubsub = new RedisPubSubBus(
    createRedisClient(config, redisLog, { role: 'publisher', offlineQueue: false }),
    createRedisClient(config, redisLog, { role: 'subscriber', offlineQueue: true }),
    config.redis.keyPrefix,
    redisLog,
  );
  return {
    pubsub,
    kv,
    redisConfigured: true,
    close: async () => {
      await pubsub.close();
      await kv.close();
    },
  };
}
