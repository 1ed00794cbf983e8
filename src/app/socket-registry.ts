import type { WebSocket } from 'ws';

/** graphql-ws close code for a refused token or a revoked session. */
export const SESSION_CLOSE_CODE = 4403;

/**
 * Which open WebSockets belong to which session, so the sockets of a revoked
 * session can be closed (their subscriptions end with them).
 */
export class SocketRegistry {
  private readonly bySession = new Map<string, Set<WebSocket>>();

  add(sessionId: string, socket: WebSocket): void {
    let sockets = this.bySession.get(sessionId);
    if (!sockets) this.bySession.set(sessionId, (sockets = new Set()));
    sockets.add(socket);
  }

  remove(sessionId: string, socket: WebSocket): void {
    const sockets = this.bySession.get(sessionId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.bySession.delete(sessionId);
  }

  /** Closes every socket of these sessions with 4403; returns how many were closed. */
  closeSessions(sessionIds: Iterable<string>, reason = 'Session ended'): number {
    let closed = 0;
    for (const id of sessionIds) {
      for (const socket of this.bySession.get(id) ?? []) {
        socket.close(SESSION_CLOSE_CODE, reason);
        closed++;
      }
      this.bySession.delete(id);
    }
    return closed;
  }

  /** Sessions with at least one open socket on this instance. */
  sessionIds(): string[] {
    return [...this.bySession.keys()];
  }
}
