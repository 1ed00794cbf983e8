import type http from 'node:http';
import type net from 'node:net';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../infra/index.js';

/** What graphql-ws hands to hooks as `ctx.extra`. */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: http.IncomingMessage;
}

/** Beyond this much unsent data on a socket, sends wait for the kernel (a slow client slows only itself). */
const BACKPRESSURE_BYTES = 1 << 20;

/**
 * graphql-ws on a `ws` server: the library's own `use/ws` adapter, with two
 * changes for live data at scale. Sends do not wait for the kernel unless the
 * socket is backed up (the stock adapter awaits every write, one message per
 * event-loop turn), and each socket is corked for the rest of the turn, so a
 * flush of many events leaves as one write. Errors go to our logger.
 */
export function useWsServer(
  options: ServerOptions<Record<string, unknown> | undefined, WsExtra>,
  wss: WebSocketServer,
  log: Logger,
  keepAliveMs = 12_000,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (err) => log.error({ err: { message: err.message } }, 'websocket server error'));

  wss.on('connection', (socket, request) => {
    const raw = (socket as unknown as { _socket?: net.Socket })._socket;
    let corked = false;
    const cork = () => {
      if (corked || !raw) return;
      corked = true;
      raw.cork();
      setImmediate(() => {
        corked = false;
        raw.uncork();
      });
    };
    socket.once('error', (err) => {
      log.warn({ err: { message: err.message } }, 'websocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });

    let pongWait: NodeJS.Timeout | undefined;
    const ping =
      keepAliveMs > 0
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => clearTimeout(pongWait));
            socket.ping();
          }, keepAliveMs)
        : undefined;

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return Promise.resolve();
          cork();
          if (socket.bufferedAmount < BACKPRESSURE_BYTES) {
            socket.send(data);
            return Promise.resolve();
          }
          return new Promise<void>((resolve, reject) =>
            socket.send(data, (err) => (err ? reject(err) : resolve())),
          );
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (message: Buffer) => {
            try {
              await cb(message.toString('utf8'));
            } catch (err) {
              log.error(
                { err: { message: (err as Error).message } },
                'websocket message handling failed',
              );
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );

    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, reason.toString('utf8'));
    });
  });

  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners('connection');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
