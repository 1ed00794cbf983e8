import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/infra/event-queue.js';

interface E {
  id: string;
  version: number;
}

describe('EventQueue', () => {
  it('coalesces per key and drops versions that are not newer', async () => {
    const queue = new EventQueue<E>(() => undefined, {
      coalesceBy: (e) => e.id,
      versionOf: (e) => e.version,
    });
    queue.push({ id: 'a', version: 1 });
    queue.push({ id: 'b', version: 1 });
    queue.push({ id: 'a', version: 3 });
    queue.push({ id: 'a', version: 2 }); // late, older: dropped
    queue.push({ id: 'b', version: 1 }); // duplicate: dropped
    expect((await queue.next()).value).toEqual({ id: 'a', version: 3 });
    expect((await queue.next()).value).toEqual({ id: 'b', version: 1 });
    queue.push({ id: 'a', version: 2 });
    queue.push({ id: 'a', version: 4 });
    expect((await queue.next()).value).toEqual({ id: 'a', version: 4 });
  });

  it('filters, bounds its buffer, and ends waiting consumers on return or failure', async () => {
    let closed = 0;
    const queue = new EventQueue<number>(() => closed++, {
      filter: (n) => n % 2 === 0,
      maxBuffered: 2,
    });
    for (const n of [1, 2, 3, 4, 6]) queue.push(n);
    expect((await queue.next()).value).toBe(4);
    expect((await queue.next()).value).toBe(6);
    const waiting = queue.next();
    await queue.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);

    const failing = new EventQueue<number>(() => undefined);
    const pending = failing.next();
    failing.fail(new Error('boom'));
    await expect(pending).rejects.toThrow('boom');
  });
});

describe('EventQueue flushes', () => {
  it('releases coalesced events at most once per interval, latest value per key', async () => {
    const queue = new EventQueue<E>(() => undefined, {
      coalesceBy: (e) => e.id,
      versionOf: (e) => e.version,
      flushIntervalMs: 100,
    });
    queue.push({ id: 'a', version: 1 });
    expect((await queue.next()).value).toEqual({ id: 'a', version: 1 }); // first event goes out at once
    const started = Date.now();
    queue.push({ id: 'a', version: 2 });
    queue.push({ id: 'b', version: 1 });
    queue.push({ id: 'a', version: 3 });
    const next = await queue.next();
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(next.value).toEqual({ id: 'a', version: 3 });
    expect((await queue.next()).value).toEqual({ id: 'b', version: 1 });
    await queue.return();
  });
});
