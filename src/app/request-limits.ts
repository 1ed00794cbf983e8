import type { Viewer } from '../auth/viewer.js';
import type { RateRule } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { RateLimiter } from '../infra/rate-limiter.js';

/**
 * The per-IP and per-user token buckets every GraphQL operation (HTTP
 * request or WebSocket subscribe) draws from, shared by all instances through
 * the key-value store. The IP bucket is checked before authentication, so a
 * flood of bad tokens never reaches the session store.
 */
export class RequestRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly ipRule: RateRule,
    private readonly userRule: RateRule,
  ) {}

  /** Takes a token for the client IP; RATE_LIMITED (with Retry-After) when its bucket is empty. */
  async takeForIp(ip: string): Promise<void> {
    const state = await this.limiter.take(`req:ip:${ip}`, this.ipRule);
    if (!state.allowed) throw AppError.rateLimited(state.retryAfterMs / 1000);
  }

  /** Takes a token for the signed-in user (nothing for anonymous callers). */
  async takeForViewer(viewer: Viewer | null): Promise<void> {
    if (!viewer) return;
    const state = await this.limiter.take(`req:user:${viewer.userId}`, this.userRule);
    if (!state.allowed) throw AppError.rateLimited(state.retryAfterMs / 1000);
  }
}
