interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: Error): void;
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
  /** Bound on queued events; the oldest go first. */
  maxBuffered?: number;
}

/**
 * A bounded push-to-pull queue exposed as an async iterator: producers `push`,
 * a GraphQL subscription consumes with `for await`. Filtering, coalescing and
 * version ordering happen at push time, so one slow client costs at most one
 * queued event per key and never grows memory without bound.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: { key: string | undefined; value: T }[] = [];
  private readonly waiting: Waiter<T>[] = [];
  private readonly versions = new Map<string, number>();
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
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve({ value, done: false });
      return true;
    }
    if (key !== undefined) {
      const queued = this.buffer.find((entry) => entry.key === key);
      if (queued) {
        queued.value = value;
        return true;
      }
    }
    this.buffer.push({ key, value });
    if (this.buffer.length > (this.options.maxBuffered ?? 1000)) {
      this.buffer.shift();
      return false;
    }
    return true;
  }

  /** Ends the stream with an error: the consumer sees it after the events already queued. */
  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.close(false);
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    const entry = this.buffer.shift();
    if (entry) return Promise.resolve({ value: entry.value, done: false });
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
    if (dropBuffered) this.buffer.length = 0;
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
