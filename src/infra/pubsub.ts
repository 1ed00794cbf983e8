import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub as TypeGraphqlPubSub } from 'type-graphql';
import { EventQueue, type QueueOptions } from './event-queue.js';
import type { Logger } from './logger.js';
import { closeRedisClient, type RedisClient } from './redis.js';

/**
 * Topic-based publish/subscribe between all instances of the service.
 * Payloads must be JSON-safe: they cross Redis as JSON, and the in-process
 * implementation round-trips them through JSON too so both behave alike.
 */
export interface PubSub {
  /** Publishes after the caller's transaction committed. Never throws: a failed publish is logged and dropped. */
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * Resolves once the subscription is live (so a caller may subscribe first,
   * then read current state). Options filter and coalesce at delivery time.
   */
  subscribe<T>(topic: string, options?: QueueOptions<T>): Promise<AsyncIterableIterator<T>>;
  /** Current number of live subscriptions held by this instance. */
  readonly activeSubscriptions: number;
  /** True when events can currently reach other instances. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Single-instance pub/sub used when no `REDIS_URL` is configured. */
export class InProcessPubSub implements PubSub {
  private readonly topics = new Map<string, Set<EventQueue<unknown>>>();
  private count = 0;

  get activeSubscriptions(): number {
    return this.count;
  }

  publish(topic: string, payload: unknown): Promise<void> {
    const subscribers = this.topics.get(topic);
    if (!subscribers) return Promise.resolve();
    // One JSON round trip per event (not per subscriber), like a message from Redis.
    const event: unknown = JSON.parse(JSON.stringify(payload));
    for (const queue of subscribers) queue.push(event);
    return Promise.resolve();
  }

  subscribe<T>(topic: string, options?: QueueOptions<T>): Promise<AsyncIterableIterator<T>> {
    let subscribers = this.topics.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    const set = subscribers;
    const queue: EventQueue<unknown> = new EventQueue(() => {
      this.count--;
      set.delete(queue);
      if (set.size === 0) this.topics.delete(topic);
    }, options as QueueOptions<unknown>);
    set.add(queue);
    this.count++;
    return Promise.resolve(queue as EventQueue<T>);
  }

  healthy(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    for (const set of this.topics.values()) for (const queue of [...set]) void queue.return();
    return Promise.resolve();
  }
}

/**
 * Redis pub/sub (graphql-redis-subscriptions over ioredis 5) shared by all
 * instances. Channels are prefixed so several deployments can share one Redis.
 */
export class RedisPubSubBus implements PubSub {
  private readonly engine: RedisPubSub;
  private count = 0;
  private closed = false;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.engine = new RedisPubSub({ publisher, subscriber });
  }

  get activeSubscriptions(): number {
    return this.count;
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    try {
      await this.engine.publish(this.prefix + topic, payload);
    } catch (err) {
      this.log.warn(
        { topic, err: { message: (err as Error).message } },
        'event dropped: redis publish failed',
      );
    }
  }

  async subscribe<T>(topic: string, options?: QueueOptions<T>): Promise<AsyncIterableIterator<T>> {
    const subscription: { id?: number; closedEarly: boolean } = { closedEarly: false };
    const queue = new EventQueue<T>(() => {
      if (subscription.id === undefined) {
        subscription.closedEarly = true;
        return;
      }
      this.count--;
      // After close() the connection is gone (and the channel with it).
      if (!this.closed) this.engine.unsubscribe(subscription.id);
    }, options);
    subscription.id = await this.engine.subscribe<T>(this.prefix + topic, (message) => {
      if (!queue.push(message)) this.log.warn({ topic }, 'slow subscriber: oldest event dropped');
    });
    if (subscription.closedEarly) {
      if (!this.closed) this.engine.unsubscribe(subscription.id);
    } else this.count++;
    return queue;
  }

  healthy(): Promise<boolean> {
    return Promise.resolve(this.publisher.status === 'ready' && this.subscriber.status === 'ready');
  }

  async close(): Promise<void> {
    this.closed = true;
    // graphql-redis-subscriptions keeps a deferred per in-flight SUBSCRIBE and rejects it,
    // unobserved, when the connection closes first: observe those before quitting.
    const pendingSubscribes = (
      this.engine as unknown as { subsPendingRefsMap: Map<string, { pending: Promise<unknown> }> }
    ).subsPendingRefsMap;
    for (const { pending } of pendingSubscribes.values()) pending.catch(() => undefined);
    await Promise.all([closeRedisClient(this.publisher), closeRedisClient(this.subscriber)]);
  }
}

/**
 * Adapts a {@link PubSub} to type-graphql 2's `PubSub` interface, whose
 * `subscribe()` must return an AsyncIterable synchronously.
 */
export function toTypeGraphqlPubSub(bus: PubSub): TypeGraphqlPubSub {
  return {
    publish(routingKey: string, ...args: unknown[]) {
      void bus.publish(routingKey, args[0]);
    },
    subscribe(routingKey: string, dynamicId?: unknown) {
      const topic =
        dynamicId === undefined ? routingKey : `${routingKey}:${JSON.stringify(dynamicId)}`;
      return deferredIterable(bus.subscribe(topic));
    },
  };
}

/** An AsyncIterableIterator over an iterator that is still being created. */
export function deferredIterable<T>(
  pending: Promise<AsyncIterableIterator<T>>,
): AsyncIterableIterator<T> {
  return {
    async next() {
      return (await pending).next();
    },
    async return() {
      const it = await pending;
      return it.return ? it.return() : { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
