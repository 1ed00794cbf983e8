import type { KeyValueStore, TokenResult } from './kv-store.js';
import { closeRedisClient, type RedisClient } from './redis.js';

const SCRIPTS = {
  kvIncrement: `
    local count = redis.call('INCR', KEYS[1])
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl < 0 then
      redis.call('PEXPIRE', KEYS[1], ARGV[1])
      ttl = tonumber(ARGV[1])
    end
    return {count, ttl}`,
  kvCompareAndDelete: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
    return 0`,
  kvCompareAndSet: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
      return 1
    end
    return 0`,
  kvTakeToken: `
    local capacity = tonumber(ARGV[1])
    local ms_per_token = tonumber(ARGV[2])
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
    local tokens = tonumber(state[1]) or capacity
    local at = tonumber(state[2]) or now
    tokens = math.min(capacity, tokens + math.max(0, now - at) / ms_per_token)
    local allowed = 0
    local retry = 0
    if tokens >= 1 then
      tokens = tokens - 1
      allowed = 1
    else
      retry = math.ceil((1 - tokens) * ms_per_token)
    end
    redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
    redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * ms_per_token))
    return {allowed, retry}`,
} as const;

type ScriptName = keyof typeof SCRIPTS;
type ScriptClient = RedisClient &
  Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>;

/**
 * {@link KeyValueStore} on Redis. Multi-step operations are Lua scripts so they
 * stay atomic across instances; keys are prefixed so deployments can share a Redis.
 */
export class RedisKeyValueStore implements KeyValueStore {
  private readonly client: ScriptClient;

  constructor(
    client: RedisClient,
    private readonly prefix: string,
  ) {
    for (const [name, lua] of Object.entries(SCRIPTS))
      client.defineCommand(name, { numberOfKeys: 1, lua });
    this.client = client as ScriptClient;
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) ===
      'OK'
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = (await this.client.kvIncrement(
      this.k(key),
      Math.max(1, Math.ceil(ttlMs)),
    )) as [number, number];
    return { count, ttlMs: ttl };
  }

  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return (await this.client.kvCompareAndDelete(this.k(key), expected)) === 1;
  }

  async compareAndSet(
    key: string,
    expected: string,
    next: string,
    ttlMs: number,
  ): Promise<boolean> {
    return (
      (await this.client.kvCompareAndSet(
        this.k(key),
        expected,
        next,
        Math.max(1, Math.ceil(ttlMs)),
      )) === 1
    );
  }

  async ttl(key: string): Promise<number | null> {
    const ms = await this.client.pttl(this.k(key));
    return ms < 0 ? null : ms;
  }

  async takeToken(key: string, capacity: number, windowMs: number): Promise<TokenResult> {
    const [allowed, retry] = (await this.client.kvTakeToken(
      this.k(key),
      capacity,
      windowMs / capacity,
    )) as [number, number];
    return { allowed: allowed === 1, retryAfterMs: retry };
  }

  async healthy(): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await closeRedisClient(this.client);
  }
}
