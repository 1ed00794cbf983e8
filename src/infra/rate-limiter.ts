import type { RateRule } from '../config/index.js';
import type { KeyValueStore } from './kv-store.js';
import type { Logger } from './logger.js';

/** Outcome of a rate-limit check. */
export interface LimitState {
  readonly allowed: boolean;
  /** When refused: milliseconds until the window (or next token) frees up. */
  readonly retryAfterMs: number;
}

const ALLOWED: LimitState = { allowed: true, retryAfterMs: 0 };

/**
 * Fixed-window counters and token buckets in the shared key-value store, so
 * limits hold across instances. A store outage fails open with a warning:
 * losing a limit for a while is better than refusing every user.
 */
export class RateLimiter {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly log: Logger,
  ) {}

  private async guard(key: string, action: () => Promise<LimitState>): Promise<LimitState> {
    try {
      return await action();
    } catch (err) {
      this.log.warn(
        { key: key.split(':')[0], err: { message: (err as Error).message } },
        'rate limiter unavailable, allowing',
      );
      return ALLOWED;
    }
  }

  /** Counts one event; refused when the window then holds more than `rule.limit` events. */
  hit(key: string, rule: RateRule): Promise<LimitState> {
    return this.guard(key, async () => {
      const { count, ttlMs } = await this.kv.increment(`rl:${key}`, rule.windowMs);
      return count <= rule.limit ? ALLOWED : { allowed: false, retryAfterMs: ttlMs };
    });
  }

  /** Refused when the window already holds `rule.limit` events (counts nothing). */
  check(key: string, rule: RateRule): Promise<LimitState> {
    return this.guard(key, async () => {
      const count = Number((await this.kv.get(`rl:${key}`)) ?? 0);
      if (count < rule.limit) return ALLOWED;
      return { allowed: false, retryAfterMs: (await this.kv.ttl(`rl:${key}`)) ?? rule.windowMs };
    });
  }

  /** Counts one event without deciding anything (e.g. a failed login). */
  async record(key: string, rule: RateRule): Promise<void> {
    await this.hit(key, rule);
  }

  /** Forgets a key's window (e.g. after a successful login). */
  async reset(key: string): Promise<void> {
    await this.kv.delete(`rl:${key}`).catch(() => undefined);
  }

  /** Token bucket: `rule.limit` requests per `rule.windowMs`, with bursts up to `rule.limit`. */
  take(key: string, rule: RateRule): Promise<LimitState> {
    return this.guard(key, () => this.kv.takeToken(`tb:${key}`, rule.limit, rule.windowMs));
  }
}
