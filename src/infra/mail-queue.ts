import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './logger.js';
import type { Mailer, MailMessage } from './mailer.js';

export interface MailQueueOptions {
  /** Delays before the 2nd, 3rd… attempt. */
  readonly retryDelaysMs?: readonly number[];
}

/**
 * Sends mail in the background so a mutation never waits on the mail server.
 * Failed sends are retried with backoff; after the last attempt the failure is
 * logged (recipient and subject only). On shutdown, mails already queued get
 * a last chance to go out.
 */
export class MailQueue {
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly retryDelaysMs: readonly number[];

  constructor(
    private readonly mailer: Mailer,
    private readonly log: Logger,
    options: MailQueueOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000];
  }

  /** Queues a mail and returns at once. */
  enqueue(message: MailMessage): void {
    const job = this.deliver(message).finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  private async deliver(message: MailMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.mailer.send(message);
        return;
      } catch (err) {
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined || this.stopped) {
          this.log.error(
            {
              to: message.to,
              subject: message.subject,
              attempts: attempt + 1,
              err: { message: (err as Error).message },
            },
            'mail could not be sent',
          );
          return;
        }
        this.log.warn(
          { to: message.to, attempt: attempt + 1, err: { message: (err as Error).message } },
          'mail failed, retrying',
        );
        await sleep(delay, undefined, { signal: this.abort.signal, ref: false }).catch(
          () => undefined,
        );
      }
    }
  }

  /** Resolves when every queued mail was sent or given up on. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  start(): void {}

  /** Stops retrying and waits (bounded) for sends in flight, then closes the mailer. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
    await this.mailer.close();
  }
}
