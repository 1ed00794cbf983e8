/** Result of taking one token from a bucket. */
export interface TokenResult {
  readonly allowed: boolean;
  /** When refused: milliseconds until a token is available. */
  readonly retryAfterMs: number;
}

/**
 * Short-lived shared state (rate-limit counters, QR-login states, email codes'
 * attempt counters). Backed by Redis when configured, else by process memory.
 * Every operation that must be atomic across instances is one Redis command or
 * Lua script.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when the key does not exist; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Atomically increments; the TTL starts with the first increment. Returns the new count and the TTL left. */
  increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Deletes only when the current value equals `expected`; true when deleted. */
  compareAndDelete(key: string, expected: string): Promise<boolean>;
  /** Replaces only when the current value equals `expected`; true when replaced. */
  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean>;
  /** Milliseconds left before the key expires, or null when it does not exist. */
  ttl(key: string): Promise<number | null>;
  /** Token bucket holding `capacity` tokens refilled evenly over `windowMs`. */
  takeToken(key: string, capacity: number, windowMs: number): Promise<TokenResult>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** Process-memory store for a single instance without Redis. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.live(key)?.value ?? null);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return Promise.resolve(false);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const entry = this.live(key);
    if (!entry) {
      this.entries.set(key, { value: '1', expiresAt: this.now() + ttlMs });
      return Promise.resolve({ count: 1, ttlMs });
    }
    entry.value = String(Number(entry.value) + 1);
    return Promise.resolve({ count: Number(entry.value), ttlMs: entry.expiresAt - this.now() });
  }

  compareAndDelete(key: string, expected: string): Promise<boolean> {
    if (this.live(key)?.value !== expected) return Promise.resolve(false);
    this.entries.delete(key);
    return Promise.resolve(true);
  }

  compareAndSet(key: string, expected: string, next: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.value !== expected) return Promise.resolve(false);
    this.entries.set(key, { value: next, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  ttl(key: string): Promise<number | null> {
    const entry = this.live(key);
    return Promise.resolve(entry ? entry.expiresAt - this.now() : null);
  }

  takeToken(key: string, capacity: number, windowMs: number): Promise<TokenResult> {
    const msPerToken = windowMs / capacity;
    const now = this.now();
    const entry = this.live(key);
    const [storedTokens, storedAt] = entry
      ? (JSON.parse(entry.value) as [number, number])
      : [capacity, now];
    let tokens = Math.min(capacity, storedTokens + Math.max(0, now - storedAt) / msPerToken);
    let result: TokenResult;
    if (tokens >= 1) {
      tokens -= 1;
      result = { allowed: true, retryAfterMs: 0 };
    } else {
      result = { allowed: false, retryAfterMs: Math.ceil((1 - tokens) * msPerToken) };
    }
    this.entries.set(key, {
      value: JSON.stringify([tokens, now]),
      expiresAt: now + Math.ceil(windowMs),
    });
    return Promise.resolve(result);
  }

  healthy(): Promise<boolean> {
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    return Promise.resolve();
  }
}
