import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { PubSub as TypeGraphqlPubSub } from 'type-graphql';
import { CoalescingHub, EventQueue, type QueueOptions } from './event-queue.js';
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

type Listener = (event: unknown) => void;

/** Removes a listener. */
type Unlisten = () => void;

interface SharedTopic {
  hub: CoalescingHub<unknown>;
  members: number;
  listening: Promise<Unlisten>;
}

/**
 * What both implementations share: a queue per subscription, fed by a raw
 * listener on the topic. Paced, coalescing subscriptions of a topic (live
 * seat counts) instead share one listener and one {@link CoalescingHub} per
 * instance, from which each queue pulls at its own pace.
 */
abstract class QueueingPubSub implements PubSub {
  private count = 0;
  private readonly shared = new Map<string, SharedTopic>();
  protected readonly queues = new Set<{ return(): Promise<unknown> }>();

  abstract publish(topic: string, payload: unknown): Promise<void>;
  abstract healthy(): Promise<boolean>;
  abstract close(): Promise<void>;

  /** Starts delivering the topic's events to `listener`; resolves once live. */
  protected abstract listen(topic: string, listener: Listener): Promise<Unlisten>;

  /** A queue had to drop its oldest event. */
  protected abstract dropped(topic: string): void;

  get activeSubscriptions(): number {
    return this.count;
  }

  async subscribe<T>(
    topic: string,
    options: QueueOptions<T> = {},
  ): Promise<AsyncIterableIterator<T>> {
    const { coalesceBy, versionOf, flushIntervalMs } = options;
    const existing = this.shared.get(topic);
    const shareable =
      coalesceBy !== undefined &&
      versionOf !== undefined &&
      (flushIntervalMs ?? 0) > 0 &&
      // One hub per topic: a subscriber that coalesces differently gets its own listener.
      (!existing ||
        (existing.hub.coalesceBy === coalesceBy && existing.hub.versionOf === versionOf));
    return shareable
      ? this.subscribeShared(topic, options, existing)
      : this.subscribeOwn(topic, options);
  }

  private async subscribeOwn<T>(
    topic: string,
    options: QueueOptions<T>,
  ): Promise<AsyncIterableIterator<T>> {
    let unlisten: Unlisten | undefined = undefined;
    const queue: EventQueue<T> = new EventQueue<T>(() => this.release(queue, unlisten), options);
    unlisten = await this.listen(topic, (event) => {
      if (!queue.push(event as T)) this.dropped(topic);
    });
    return this.live(queue, unlisten);
  }

  private async subscribeShared<T>(
    topic: string,
    options: QueueOptions<T>,
    existing: SharedTopic | undefined,
  ): Promise<AsyncIterableIterator<T>> {
    let entry = existing;
    if (!entry) {
      const hub = new CoalescingHub<unknown>(
        options.coalesceBy as (event: unknown) => string,
        options.versionOf as (event: unknown) => number,
      );
      const created: SharedTopic = {
        hub,
        members: 0,
        listening: this.listen(topic, (event) => hub.publish(event)),
      };
      // A failed listen is not kept: the next subscriber tries again.
      created.listening.catch(() => {
        if (this.shared.get(topic) === created) this.shared.delete(topic);
      });
      this.shared.set(topic, created);
      entry = created;
    }
    const topicEntry = entry;
    topicEntry.members++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      if (--topicEntry.members > 0) return;
      if (this.shared.get(topic) === topicEntry) this.shared.delete(topic);
      topicEntry.listening.then((stop) => stop()).catch(() => undefined);
    };
    const queue: EventQueue<T> = new EventQueue<T>(() => this.release(queue, leave), options);
    try {
      await topicEntry.listening;
    } catch (err) {
      leave();
      throw err;
    }
    queue.attach(topicEntry.hub as CoalescingHub<T>);
    return this.live(queue, leave);
  }

  /** Counts a subscription once it is live, unless its consumer already closed it. */
  private live<T>(queue: EventQueue<T>, stop: Unlisten): EventQueue<T> {
    // Closed while the listener was being set up: `release` ran without it.
    if (queue.ended) {
      stop();
      return queue;
    }
    this.count++;
    this.queues.add(queue);
    return queue;
  }

  private release(queue: { return(): Promise<unknown> }, stop: Unlisten | undefined): void {
    if (this.queues.delete(queue)) this.count--;
    stop?.();
  }
}

/** Single-instance pub/sub used when no `REDIS_URL` is configured. */
export class InProcessPubSub extends QueueingPubSub {
  private readonly listeners = new Map<string, Set<Listener>>();

  publish(topic: string, payload: unknown): Promise<void> {
    const listeners = this.listeners.get(topic);
    if (!listeners) return Promise.resolve();
    // One JSON round trip per event (not per subscriber), like a message from Redis.
    const event: unknown = JSON.parse(JSON.stringify(payload));
    for (const listener of listeners) listener(event);
    return Promise.resolve();
  }

  protected listen(topic: string, listener: Listener): Promise<Unlisten> {
    let listeners = this.listeners.get(topic);
    if (!listeners) this.listeners.set(topic, (listeners = new Set()));
    const set = listeners;
    set.add(listener);
    return Promise.resolve(() => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    });
  }

  protected dropped(): void {}

  healthy(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    for (const queue of [...this.queues]) void queue.return();
    return Promise.resolve();
  }
}

/**
 * Redis pub/sub (graphql-redis-subscriptions over ioredis 5) shared by all
 * instances. Channels are prefixed so several deployments can share one Redis.
 */
export class RedisPubSubBus extends QueueingPubSub {
  private readonly engine: RedisPubSub;
  private closed = false;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {
    super();
    this.engine = new RedisPubSub({ publisher, subscriber });
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

  protected async listen(topic: string, listener: Listener): Promise<Unlisten> {
    const id = await this.engine.subscribe(this.prefix + topic, listener);
    return () => {
      // After close() the connection is gone (and the channel with it).
      if (!this.closed) this.engine.unsubscribe(id);
    };
  }

  protected dropped(topic: string): void {
    this.log.warn({ topic }, 'slow subscriber: oldest event dropped');
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
