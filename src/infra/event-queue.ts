interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: Error): void;
}

interface Entry<T> {
  key: string | undefined;
  value: T;
}

const DONE = { value: undefined, done: true } as const;

interface Change<T> {
  key: string;
  value: T;
  version: number;
  /** Position of this change in the hub's history. */
  seq: number;
  older: Change<T> | undefined;
  newer: Change<T> | undefined;
}

/**
 * The newest event per key of one topic, kept in order of change, for every
 * paced, coalescing subscriber of the topic on this instance: an event is
 * recorded once, and each subscriber takes what changed since its own last
 * flush when its flush is due. A publish therefore costs O(1) however many
 * subscribers there are (a push per subscriber per event was 1.5 M pushes for
 * a seat rush watched by 1,000 pages), and each subscriber's flush costs
 * O(keys changed since). Memory is one entry per key ever seen while the hub
 * has subscribers.
 */
export class CoalescingHub<T> {
  private readonly changes = new Map<string, Change<T>>();
  private oldest: Change<T> | undefined;
  private newest: Change<T> | undefined;
  private seq = 0;
  /** Subscribers that took every change so far: the next change must wake them. */
  private sleepers = new Set<EventQueue<T>>();

  constructor(
    readonly coalesceBy: (event: T) => string,
    readonly versionOf: (event: T) => number,
  ) {}

  /** The position of the newest change. */
  get position(): number {
    return this.seq;
  }

  /** Records an event unless its key already has one at least as new, and wakes idle subscribers. */
  publish(value: T): void {
    const key = this.coalesceBy(value);
    const version = this.versionOf(value);
    let change = this.changes.get(key);
    if (change) {
      if (version <= change.version) return;
      this.unlink(change);
      change.value = value;
      change.version = version;
    } else {
      change = { key, value, version, seq: 0, older: undefined, newer: undefined };
      this.changes.set(key, change);
    }
    change.seq = ++this.seq;
    change.older = this.newest;
    if (this.newest) this.newest.newer = change;
    else this.oldest = change;
    this.newest = change;
    if (this.sleepers.size > 0) {
      const woken = this.sleepers;
      this.sleepers = new Set();
      for (const queue of woken) queue.wake();
    }
  }

  /** Visits the newest event of every key changed after `since`, oldest change first; returns the position now. */
  changesSince(since: number, visit: (key: string, value: T) => void): number {
    let first: Change<T> | undefined;
    for (let change = this.newest; change && change.seq > since; change = change.older) {
      first = change;
    }
    for (let change = first; change; change = change.newer) visit(change.key, change.value);
    return this.seq;
  }

  /** Wakes `queue` at the next change. */
  sleep(queue: EventQueue<T>): void {
    this.sleepers.add(queue);
  }

  leave(queue: EventQueue<T>): void {
    this.sleepers.delete(queue);
  }

  private unlink(change: Change<T>): void {
    if (change.older) change.older.newer = change.newer;
    else this.oldest = change.newer;
    if (change.newer) change.newer.older = change.older;
    else this.newest = change.older;
    change.older = change.newer = undefined;
  }
}

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
  /** Pull mode: the hub this queue takes its events from, and how far it has taken them. */
  private hub: CoalescingHub<T> | undefined;
  private hubPosition = 0;
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly onClose: () => void,
    private readonly options: QueueOptions<T> = {},
  ) {}

  /** True once the consumer or the source ended the stream. */
  get ended(): boolean {
    return this.closed;
  }

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
    const outcome = this.enqueue(key, value);
    if (outcome === 'coalesced') return true;
    this.scheduleFlush();
    return outcome === 'added';
  }

  /**
   * Queues an event for the next flush: replaces the queued event of its key
   * (coalesced), or adds it, dropping the oldest event when that goes over
   * the bound (overflowed).
   */
  private enqueue(key: string | undefined, value: T): 'coalesced' | 'added' | 'overflowed' {
    if (key !== undefined) {
      const queued = this.queued.get(key);
      if (queued) {
        queued.value = value;
        return 'coalesced';
      }
    }
    const entry = { key, value };
    this.pending.push(entry);
    if (key !== undefined) this.queued.set(key, entry);
    if (this.ready.length + this.pending.length <= (this.options.maxBuffered ?? 1000))
      return 'added';
    this.forget((this.ready.length > 0 ? this.ready : this.pending).shift());
    return 'overflowed';
  }

  /**
   * Switches to pull mode: from now on the queue takes the changes recorded
   * in `hub` (which applies coalescing and versions for all its subscribers)
   * at each flush, instead of events pushed to it. Filter, flush pacing and
   * the buffer bound still apply per queue.
   */
  attach(hub: CoalescingHub<T>): void {
    if (this.closed) return;
    this.hub = hub;
    this.hubPosition = hub.position;
    hub.sleep(this);
  }

  /** Called by the hub when something changed after this queue's last flush. */
  wake(): void {
    if (!this.closed) this.scheduleFlush();
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
    if (this.hub) this.pull(this.hub);
    if (this.pending.length === 0) return;
    this.lastFlush = Date.now();
    this.ready.push(...this.pending.splice(0));
    while (this.waiting.length > 0 && this.ready.length > 0) {
      this.waiting.shift()!.resolve({ value: this.take()!, done: false });
    }
  }

  /** Pull mode: moves the hub's changes since the last flush into `pending`, then waits for the next one. */
  private pull(hub: CoalescingHub<T>): void {
    const { filter } = this.options;
    this.hubPosition = hub.changesSince(this.hubPosition, (key, value) => {
      if (!filter || filter(value)) this.enqueue(key, value);
    });
    hub.sleep(this);
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
    this.hub?.leave(this);
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
