interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: Error): void;
}

interface Entry<T> {
  key: string | undefined;
  value: T;
}

const DONE = { value: undefined, done: true } as const;

/** How a subscriber's queue treats incoming events (all applied when the event is pushed). */
export interface QueueOptions<T> {
  /** Drop events that fail this test. */
  filter?: (event: T) => boolean;
  /** Keep only the newest queued event per key: a slow subscriber gets the latest value, not the backlog. */
  coalesceBy?: (event: T) => string;
  /** With `coalesceBy`: drop events not newer than the last one seen for their key (publishes may arrive out of order). */
  versionOf?: (event: T) => number;
  /**
   * Release events in flushes at most this often (ms): between flushes they
   * coalesce, so a busy topic costs each subscriber at most one message per
   * key per interval. 0 releases every event at once.
   */
  flushIntervalMs?: number;
  /** Bound on queued events; the oldest go first. */
  maxBuffered?: number;
}

/**
 * A bounded push-to-pull queue exposed as an async iterator: producers `push`,
 * a GraphQL subscription consumes with `for await`. Filtering, coalescing,
 * version ordering and flush pacing happen at push time, so one slow client
 * costs at most one queued event per key and never grows memory without bound.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  /** Released to the consumer, not taken yet. */
  private readonly ready: Entry<T>[] = [];
  /** Waiting for the next flush. */
  private readonly pending: Entry<T>[] = [];
  /** Queued entries (ready or pending) by coalescing key: O(1) coalescing. */
  private readonly queued = new Map<string, Entry<T>>();
  private readonly waiting: Waiter<T>[] = [];
  private readonly versions = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly onClose: () => void,
    private readonly options: QueueOptions<T> = {},
  ) {}

  /** Delivers one event; returns false when the oldest event had to be dropped for room. */
  push(value: T): boolean {
    if (this.closed) return true;
    const { filter, coalesceBy, versionOf } = this.options;
    if (filter && !filter(value)) return true;
    const key = coalesceBy?.(value);
    if (key !== undefined && versionOf) {
      const version = versionOf(value);
      if (version <= (this.versions.get(key) ?? -Infinity)) return true;
      this.versions.set(key, version);
    }
    if (key !== undefined) {
      const queued = this.queued.get(key);
      if (queued) {
        queued.value = value;
        return true;
      }
    }
    const entry = { key, value };
    this.pending.push(entry);
    if (key !== undefined) this.queued.set(key, entry);
    const dropped = this.ready.length + this.pending.length > (this.options.maxBuffered ?? 1000);
    if (dropped) this.forget((this.ready.length > 0 ? this.ready : this.pending).shift());
    this.scheduleFlush();
    return !dropped;
  }

  private scheduleFlush(): void {
    const interval = this.options.flushIntervalMs ?? 0;
    const wait = this.lastFlush + interval - Date.now();
    if (interval <= 0 || wait <= 0) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref();
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    this.lastFlush = Date.now();
    this.ready.push(...this.pending.splice(0));
    while (this.waiting.length > 0 && this.ready.length > 0) {
      this.waiting.shift()!.resolve({ value: this.take()!, done: false });
    }
  }

  /** Removes the next released entry from the queue and its key index. */
  private take(): T | undefined {
    const entry = this.ready.shift();
    this.forget(entry);
    return entry?.value;
  }

  private forget(entry: Entry<T> | undefined): void {
    if (entry?.key !== undefined && this.queued.get(entry.key) === entry)
      this.queued.delete(entry.key);
  }

  /** Ends the stream with an error: the consumer sees it after the events already released. */
  fail(error: Error): void {
    if (this.closed) return;
    this.flush();
    this.failure = error;
    this.close(false);
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.ready.length > 0) return Promise.resolve({ value: this.take()!, done: false });
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.close(true);
    for (const waiter of this.waiting.splice(0)) waiter.resolve(DONE);
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close(true);
    return Promise.reject(error instanceof Error ? error : new Error('subscription aborted'));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(dropBuffered: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (dropBuffered) {
      this.ready.length = 0;
      this.pending.length = 0;
      this.queued.clear();
    } else {
      this.ready.push(...this.pending.splice(0));
    }
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
