import type http from 'node:http';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
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
import type { QueryGuard } from './query-limits.js';
import type { RequestRateLimits } from './request-limits.js';

/** Close code sent to every socket on graceful shutdown. */
export const GOING_AWAY_CLOSE_CODE = 1001;

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface ConnectionState {
  viewer: Viewer | null;
  ip: string;
  operations: Set<string>;
}

/** Apollo's wording, so HTTP and WebSocket hide the same thing. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

function requestError(error: GraphQLError, code: string, hideSuggestions: boolean): GraphQLError {
  const message = hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
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
  readonly requestLimits: RequestRateLimits;
  readonly queryGuard: QueryGuard;
  /** The client's address, honouring TRUST_PROXY like HTTP requests do. */
  readonly clientIp: (request: http.IncomingMessage) => string;
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
  const { limits } = config;
  const hideSchemaDetails = !config.http.playground;
  const rules = hideSchemaDetails
    ? [...specifiedRules, NoSchemaIntrospectionCustomRule]
    : specifiedRules;
  const perIp = new Map<string, number>();
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: limits.wsMaxMessageBytes,
    // Refuse the upgrade itself (HTTP 429) beyond the per-IP connection limit.
    verifyClient: (info, done) => {
      const open = perIp.get(options.clientIp(info.req)) ?? 0;
      if (open < limits.wsMaxConnectionsPerIp) return done(true);
      log.warn({ ip: options.clientIp(info.req), open }, 'websocket refused: too many connections');
      done(false, 429, 'Too many connections', { 'retry-after': '60' });
    },
  });
  const states = new WeakMap<WebSocket, ConnectionState>();
  const { sockets } = options;
  let activeOperations = 0;
  metrics.activeSubscriptions = () => activeOperations;

  wss.on('connection', (socket, request) => {
    metrics.websocketsOpen.inc();
    const ip = options.clientIp(request);
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    states.set(socket, { viewer: null, ip, operations: new Set() });
    socket.once('close', () => {
      metrics.websocketsOpen.dec();
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
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
      // Parses and validates here (not in graphql-ws) to apply the same limits as HTTP.
      onSubscribe: async (ctx, id, payload) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return [new GraphQLError('Connection is closing')];
        if (state.operations.size >= limits.wsMaxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${limits.wsMaxSubscriptionsPerConnection} operations per connection`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'subscriptions' } },
            ),
          ];
        }
        // Hold the slot while checking, so concurrent subscribes cannot pass the limit together.
        state.operations.add(id);
        activeOperations++;
        const refuse = (errors: readonly GraphQLError[]) => {
          if (state.operations.delete(id)) activeOperations--;
          return errors;
        };
        try {
          await options.requestLimits.takeForIp(state.ip);
          await options.requestLimits.takeForViewer(state.viewer);
        } catch (err) {
          if (!(err instanceof GraphQLError)) throw err;
          return refuse([err]);
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (err) {
          if (!(err instanceof GraphQLError)) throw err;
          return refuse([requestError(err, 'GRAPHQL_PARSE_FAILED', false)]);
        }
        const invalid = validate(options.schema, document, rules);
        if (invalid.length > 0)
          return refuse(
            invalid.map((e) => requestError(e, 'GRAPHQL_VALIDATION_FAILED', hideSchemaDetails)),
          );
        const tooComplex = options.queryGuard.check(
          options.schema,
          document,
          payload.operationName,
          payload.variables,
        );
        if (tooComplex) return refuse([tooComplex]);
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
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
          state?.ip ?? options.clientIp(request),
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
