import type http from 'node:http';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config/index.js';
import type { Logger } from '../infra/index.js';
import type { Viewer } from '../auth/viewer.js';
import type { RequestContext } from './context.js';
import type { AppMetrics } from './metrics.js';
import type { Authenticator } from './services.js';
import type { SocketRegistry } from './socket-registry.js';
import { useWsServer } from './graphql-ws-adapter.js';
import { sharedSubscribe } from './shared-subscribe.js';

/** Close code sent to every socket on graceful shutdown. */
export const GOING_AWAY_CLOSE_CODE = 1001;

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface ConnectionState {
  viewer: Viewer | null;
  operations: Set<string>;
}

export interface WebSocketOptions {
  readonly httpServer: http.Server;
  readonly schema: GraphQLSchema;
  readonly config: Config;
  readonly log: Logger;
  readonly metrics: AppMetrics;
  readonly authenticator: Authenticator;
  readonly sockets: SocketRegistry;
  readonly formatError: ErrorFormatter;
  readonly contextFor: (
    viewer: Viewer | null,
    ip: string,
    userAgent: string | null,
  ) => RequestContext;
}

export interface WebSocketHandle {
  /** Closes every socket with 1001 and stops accepting. */
  dispose(): Promise<void>;
}

function format(
  errors: readonly GraphQLError[],
  formatError: ErrorFormatter,
): GraphQLFormattedError[] {
  return errors.map((e) =>
    formatError(e instanceof GraphQLError ? e.toJSON() : { message: String(e) }, e),
  );
}

/**
 * graphql-ws (`graphql-transport-ws`) on the HTTP server's port and path
 * `/graphql`. The access token comes in the `connection_init` payload as
 * `{ authorization: "Bearer …" }`; a refused token closes the socket with 4403.
 */
export function attachWebSocketServer(options: WebSocketOptions): WebSocketHandle {
  const { config, log, metrics } = options;
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: config.limits.wsMaxMessageBytes,
  });
  const states = new WeakMap<WebSocket, ConnectionState>();
  const { sockets } = options;
  let activeOperations = 0;
  metrics.activeSubscriptions = () => activeOperations;

  wss.on('connection', (socket) => {
    metrics.websocketsOpen.inc();
    states.set(socket, { viewer: null, operations: new Set() });
    socket.once('close', () => {
      metrics.websocketsOpen.dec();
      const state = states.get(socket);
      if (!state) return;
      activeOperations -= state.operations.size;
      state.operations.clear();
      if (state.viewer) sockets.remove(state.viewer.sessionId, socket);
    });
  });

  const server = useWsServer(
    {
      schema: options.schema,
      subscribe: sharedSubscribe,
      connectionInitWaitTimeout: config.limits.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization;
        if (raw !== undefined && typeof raw !== 'string') return false;
        try {
          const viewer = await options.authenticator.authenticate(raw);
          const state = states.get(ctx.extra.socket);
          if (state) state.viewer = viewer;
          if (viewer) sockets.add(viewer.sessionId, ctx.extra.socket);
          return true;
        } catch (err) {
          if (!(err instanceof GraphQLError))
            log.error(
              { err: { message: (err as Error).message } },
              'websocket authentication failed',
            );
          return false;
        }
      },
      onSubscribe: (ctx, id) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return;
        if (state.operations.size >= config.limits.wsMaxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${config.limits.wsMaxSubscriptionsPerConnection} operations per connection`,
              { extensions: { code: 'QUERY_TOO_COMPLEX' } },
            ),
          ];
        }
        state.operations.add(id);
        activeOperations++;
        return undefined;
      },
      onComplete: (ctx, id) => {
        const state = states.get(ctx.extra.socket);
        if (state?.operations.delete(id)) activeOperations--;
      },
      context: (ctx) => {
        const state = states.get(ctx.extra.socket);
        const request = ctx.extra.request;
        return options.contextFor(
          state?.viewer ?? null,
          request.socket.remoteAddress ?? 'unknown',
          request.headers['user-agent'] ?? null,
        );
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return undefined;
        return { ...result, errors: format(result.errors, options.formatError) };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors, options.formatError),
    },
    wss,
    log.child({ component: 'graphql-ws' }),
  );

  return {
    async dispose() {
      await server.dispose();
    },
  };
}
