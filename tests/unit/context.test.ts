import { describe, expect, it, vi } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createContext } from '../../src/app/context.js';
import type { ServiceContainer } from '../../src/app/container.js';
import type { Logger } from '../../src/infra/index.js';

describe('request context', () => {
  it('makes the fork and logger on first use, shared with Apollo’s shallow copy', () => {
    const fork = vi.fn(() => ({}) as EntityManager);
    const child = vi.fn(() => ({}) as Logger);
    const ctx = createContext({
      rootEm: { fork } as unknown as EntityManager,
      viewer: null,
      log: { child } as unknown as Logger,
      ip: '127.0.0.1',
      userAgent: null,
      container: {} as ServiceContainer,
    });
    // What Apollo Server does with every context value.
    const copy = Object.assign(
      Object.create(Object.getPrototypeOf(ctx) as object),
      ctx,
    ) as typeof ctx;
    expect(fork).not.toHaveBeenCalled();
    expect(child).not.toHaveBeenCalled();
    expect(copy.em).toBe(ctx.em);
    expect(copy.log).toBe(ctx.log);
    expect(fork).toHaveBeenCalledTimes(1);
    expect(child).toHaveBeenCalledTimes(1);
    expect(copy.requestId).toBe(ctx.requestId);
    // A fresh context (one per subscription event) gets its own fork.
    expect(ctx.fresh().em).not.toBe(ctx.em);
  });
});
