import { describe, expect, it } from 'vitest';
import { CoalescingHub, EventQueue, type QueueOptions } from '../../src/infra/event-queue.js';
import { InProcessPubSub } from '../../src/infra/pubsub.js';

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

describe('CoalescingHub (paced subscribers pull from one record per topic)', () => {
  const byId = (e: E) => e.id;
  const version = (e: E) => e.version;
  const paced = (filter?: (e: E) => boolean) =>
    new EventQueue<E>(() => undefined, {
      coalesceBy: byId,
      versionOf: version,
      flushIntervalMs: 60,
      filter,
    });

  it('gives each subscriber the newest value per key changed since its last flush, at its own pace', async () => {
    const hub = new CoalescingHub(byId, version);
    hub.publish({ id: 'old', version: 1 }); // before anyone attached: nobody gets it
    const all = paced();
    const onlyB = paced((e) => e.id === 'b');
    all.attach(hub);
    onlyB.attach(hub);

    hub.publish({ id: 'a', version: 1 }); // wakes both; `all` flushes at once
    expect((await all.next()).value).toEqual({ id: 'a', version: 1 });
    const started = Date.now();
    hub.publish({ id: 'b', version: 1 });
    hub.publish({ id: 'a', version: 3 });
    hub.publish({ id: 'a', version: 2 }); // older than the newest: dropped for everyone
    hub.publish({ id: 'b', version: 2 });
    // `onlyB` released nothing yet (`a` is filtered out): `b` v1 went out at once, v2 waits.
    expect((await onlyB.next()).value).toEqual({ id: 'b', version: 1 });
    // `all` flushed at `a` v1: the rest waits for its interval, in order of change.
    expect((await all.next()).value).toEqual({ id: 'a', version: 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect((await all.next()).value).toEqual({ id: 'b', version: 2 });
    expect((await onlyB.next()).value).toEqual({ id: 'b', version: 2 });

    const late = paced();
    late.attach(hub);
    hub.publish({ id: 'c', version: 1 });
    expect((await late.next()).value).toEqual({ id: 'c', version: 1 });
    await Promise.all([all.return(), onlyB.return(), late.return()]);
    hub.publish({ id: 'd', version: 1 }); // closed queues are not woken
    expect(all.ended && onlyB.ended && late.ended).toBe(true);
  });

  it('ends a slow consumer on the newest value per key, bounded by its buffer', async () => {
    const hub = new CoalescingHub(byId, version);
    const queue = new EventQueue<E>(() => undefined, {
      coalesceBy: byId,
      versionOf: version,
      flushIntervalMs: 20,
      maxBuffered: 3,
    });
    queue.attach(hub);
    for (let v = 1; v <= 50; v++) {
      for (const id of ['a', 'b', 'c', 'd', 'e']) hub.publish({ id, version: v });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
    const seen: E[] = [];
    for (let i = 0; i < 3; i++) seen.push((await queue.next()).value as E);
    expect(seen).toEqual([
      { id: 'c', version: 50 },
      { id: 'd', version: 50 },
      { id: 'e', version: 50 },
    ]);
    await queue.return();
  });
});

describe('InProcessPubSub subscriptions', () => {
  const byId = (e: E) => e.id;
  const version = (e: E) => e.version;
  const subscribeTo = async (bus: InProcessPubSub, topic: string, options?: QueueOptions<E>) =>
    (await bus.subscribe<E>(topic, options)) as EventQueue<E>;
  const listenerCount = (bus: InProcessPubSub, topic: string) =>
    (bus as unknown as { listeners: Map<string, Set<unknown>> }).listeners.get(topic)?.size ?? 0;

  it('paced, coalescing subscribers of a topic share one listener; it goes with the last of them', async () => {
    const bus = new InProcessPubSub();
    const options = { coalesceBy: byId, versionOf: version, flushIntervalMs: 50 };
    const queues = await Promise.all(
      Array.from({ length: 100 }, () => subscribeTo(bus, 'stock', options)),
    );
    const unpaced = await subscribeTo(bus, 'stock');
    const otherKey = await subscribeTo(bus, 'stock', { ...options, coalesceBy: (e) => e.id });
    expect(listenerCount(bus, 'stock')).toBe(3);
    expect(bus.activeSubscriptions).toBe(102);

    await bus.publish('stock', { id: 'a', version: 1 });
    await bus.publish('stock', { id: 'a', version: 2 });
    for (const queue of queues) expect((await queue.next()).value).toEqual({ id: 'a', version: 1 });
    for (const queue of queues) expect((await queue.next()).value).toEqual({ id: 'a', version: 2 });
    expect((await unpaced.next()).value).toEqual({ id: 'a', version: 1 });
    // Unread, its v1 was replaced by v2 in place (coalescing).
    expect((await otherKey.next()).value).toEqual({ id: 'a', version: 2 });

    await Promise.all(queues.slice(1).map((queue) => queue.return()));
    expect(listenerCount(bus, 'stock')).toBe(3);
    await queues[0]!.return();
    await new Promise((resolve) => setImmediate(resolve));
    expect(listenerCount(bus, 'stock')).toBe(2);
    await Promise.all([unpaced.return(), otherKey.return()]);
    expect(listenerCount(bus, 'stock')).toBe(0);
    expect(bus.activeSubscriptions).toBe(0);

    // A new subscriber after the hub is gone starts from a fresh record.
    const again = await subscribeTo(bus, 'stock', options);
    await bus.publish('stock', { id: 'a', version: 1 });
    expect((await again.next()).value).toEqual({ id: 'a', version: 1 });
    await bus.close();
    expect(again.ended).toBe(true);
  });
});
