import type { SocketRegistry } from '../app/socket-registry.js';
import type { Logger, PubSub } from '../infra/index.js';
import { SESSIONS_REVOKED_TOPIC, type SessionService } from './session.service.js';

/**
 * Closes the WebSockets of ended sessions on this instance: at once when a
 * revocation is announced over pub/sub, and by a sweep every `intervalMs`
 * that asks PostgreSQL, so a lost event (Redis down) still closes them
 * within a few seconds.
 */
export class SessionWatcher {
  private timer: NodeJS.Timeout | undefined;
  private events: AsyncIterableIterator<{ ids: string[] }> | undefined;
  private sweeping = false;

  constructor(
    private readonly sessions: SessionService,
    private readonly sockets: SocketRegistry,
    private readonly pubsub: PubSub,
    private readonly log: Logger,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    void this.listen();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    try {
      this.events = await this.pubsub.subscribe<{ ids: string[] }>(SESSIONS_REVOKED_TOPIC);
      for await (const event of this.events) this.sockets.closeSessions(event.ids);
    } catch (err) {
      this.log.warn(
        { err: { message: (err as Error).message } },
        'session revocation events stopped',
      );
    }
  }

  /** Closes sockets whose session is no longer active in PostgreSQL. */
  async sweep(): Promise<void> {
    const open = this.sockets.sessionIds();
    if (open.length === 0 || this.sweeping) return;
    this.sweeping = true;
    try {
      const active = await this.sessions.stillActive(open);
      this.sockets.closeSessions(open.filter((id) => !active.has(id)));
    } catch (err) {
      this.log.warn({ err: { message: (err as Error).message } }, 'session sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.events?.return?.();
  }
}
