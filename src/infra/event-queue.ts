interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: Error): void;
}

const DONE = { value: undefined, done: true } as const;

/**
 * A bounded push-to-pull queue exposed as an async iterator: producers `push`,
 * a GraphQL subscription consumes with `for await`. When the consumer is slower
 * than the producer, the oldest events are dropped (live data only needs the
 * latest values), so one stuck client cannot grow memory without bound.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: Waiter<T>[] = [];
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly onClose: () => void,
    private readonly maxBuffered = 1000,
  ) {}

  /** Delivers one event; returns false when the oldest event had to be dropped. */
  push(value: T): boolean {
    if (this.closed) return true;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve({ value, done: false });
      return true;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.maxBuffered) {
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
    if (this.buffer.length > 0)
      return Promise.resolve({ value: this.buffer.shift() as T, done: false });
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
