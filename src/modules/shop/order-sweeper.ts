import type { MikroORM } from '@mikro-orm/postgresql';
import type { BackgroundTask } from '../../app/services.js';
import type { Logger } from '../../infra/index.js';
import type { OrderService } from './order.service.js';

const BATCH = 100;

/**
 * Cancels unpaid orders whose payment time is over and gives their stock
 * back, every `intervalMs`. Safe with any number of instances running it:
 * each batch claims its orders with `FOR UPDATE SKIP LOCKED`.
 */
export class OrderSweeper implements BackgroundTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly orders: OrderService,
    private readonly orm: MikroORM,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /** Sweeps until no expired order is left; returns how many were cancelled. Never throws. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const cancelled = await this.orders.sweepExpired(this.orm.em.fork(), BATCH);
        if (cancelled.length > 0) {
          total += cancelled.length;
          this.log.info({ orders: cancelled }, 'unpaid orders expired; stock returned');
        }
        if (cancelled.length < BATCH) return total;
      }
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message } }, 'order sweep failed; will retry');
      return total;
    }
  }
}
