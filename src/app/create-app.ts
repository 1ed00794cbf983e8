import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import type { Pool } from 'pg';
import type { Config } from '../config/index.js';
import { resolveDatabase, type DatabaseLocation } from '../db/database.js';
import { migrate, openOrm } from '../db/orm.js';
import {
  createErrorFormatter,
  databaseUnavailableError,
  isDatabaseUnavailable,
} from '../errors/index.js';
import {
  createInfrastructure,
  createLogger,
  type Infrastructure,
  type Logger,
} from '../infra/index.js';
import { buildAppSchema } from './build-schema.js';
import { createContext, type RequestContext } from './context.js';
import { healthRouter } from './health.js';
import { AppMetrics } from './metrics.js';
import { playgroundRouter } from './playground.js';
import {
  HttpError,
  isPlainJsonPost,
  readJsonBody,
  serveGraphql,
  staticHeaders,
} from './http-fast-path.js';
import { observabilityPlugin } from './plugins.js';
import { QueryGuard } from './query-limits.js';
import { RequestRateLimits } from './request-limits.js';
import { RateLimiter } from '../infra/rate-limiter.js';
import { createServices, type Services } from './services.js';
import { attachWebSocketServer, type WebSocketHandle } from './websocket.js';
import { SocketRegistry } from './socket-registry.js';
import { ResponseCache } from './response-cache.js';
import { runDemoSeeder } from '../db/seeders/run-demo-seeder.js';

export interface AppOptions {
  /** Use this database instead of `DATABASE_URL`/embedded (tests create one per file). */
  readonly databaseUrl?: string;
  readonly log?: Logger;
  /** Called for every SQL statement (statement-count tests). */
  readonly onQuery?: (sql: string) => void;
  /** Load demo data: `auto` = on the first start of an empty embedded database. */
  readonly seedDemo?: boolean | 'auto';
}

/** One running instance of the service. */
export interface App {
  readonly config: Config;
  readonly log: Logger;
  readonly orm: MikroORM;
  readonly infra: Infrastructure;
  readonly services: Services;
  readonly metrics: AppMetrics;
  readonly apollo: ApolloServer<RequestContext>;
  readonly httpServer: http.Server;
  readonly database: DatabaseLocation;
  /** Listens (port 0 = any free port) and resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** A context for in-process execution, as a given viewer. */
  createContext(viewer: RequestContext['viewer']): RequestContext;
  /**
   * Graceful shutdown: refuse new work, finish in-flight HTTP requests, close
   * WebSockets with 1001, stop background tasks, close Redis, the database and
   * the embedded PostgreSQL. Idempotent.
   */
  close(): Promise<void>;
}

const GRACE_MS = 7_000;

type TrustFn = (address: string, hop: number) => boolean;

/** Builds (but does not listen) one app instance: database, infrastructure, services, HTTP and WebSocket. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.log.level);
  const database: DatabaseLocation = options.databaseUrl
    ? { url: options.databaseUrl, embedded: undefined }
    : await resolveDatabase(config, log);

  let orm: MikroORM | undefined;
  let infra: Infrastructure | undefined;
  try {
    orm = await openOrm({
      url: database.url,
      readUrls: config.database.readUrls,
      poolMax: config.database.poolMax,
      onQuery: options.onQuery,
      logger: (message) => log.debug({ component: 'mikro-orm' }, message),
    });
    const outcome = await migrate(orm, database.url, log);
    const seed = options.seedDemo ?? 'auto';
    if (seed === true || (seed === 'auto' && database.embedded && outcome.freshDatabase)) {
      await runDemoSeeder(orm, config, log);
    }
    infra = createInfrastructure(config, log);
    await infra.ready(5_000);
  } catch (err) {
    await orm?.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    throw err;
  }
  const readyOrm = orm;
  const readyInfra = infra;

  let pool: Pool | undefined;
  void readyOrm.driver
    .getConnection()
    .getNativeClient()
    .then((p: unknown) => {
      pool = p as Pool;
    })
    .catch(() => undefined);
  const metrics = new AppMetrics(() => pool);
  const sockets = new SocketRegistry();
  const services = await createServices({
    sockets,
    config,
    log,
    orm: readyOrm,
    pubsub: readyInfra.pubsub,
    kv: readyInfra.kv,
    metrics,
  });
  await services.init();
  const schema = await buildAppSchema(readyInfra.pubsub);

  const contextFor = (
    viewer: RequestContext['viewer'],
    ip: string,
    userAgent: string | null,
    requestId?: string,
  ): RequestContext =>
    createContext({
      requestId,
      rootEm: readyOrm.em,
      viewer,
      log,
      ip,
      userAgent,
      container: services.container,
    });

  const formatError = createErrorFormatter({ exposeInternalMessages: !config.isProduction });
  const app = express();
  app.disable('x-powered-by');
  // GraphQL responses are POST answers: an ETag (a hash of every body) buys nothing.
  app.set('etag', false);
  app.set('trust proxy', config.http.trustProxy);
  // POST /graphql with a plain JSON body (the hot path) is served without
  // express's router and body parser; everything else goes through express.
  const httpServer = http.createServer((req, res) => {
    if (isPlainJsonPost(req, '/graphql')) serveGraphqlWithoutExpress(req, res);
    else app(req, res);
  });

  const requestLimits = new RequestRateLimits(
    services.container.get(RateLimiter),
    config.limits.rateLimitIp,
    config.limits.rateLimitUser,
  );
  const trustProxy = app.get('trust proxy fn') as TrustFn;
  const clientIp = (req: IncomingMessage) => proxyaddr(req, trustProxy);
  const queryGuard = new QueryGuard(config.limits);

  let shuttingDown = false;
  const ws: WebSocketHandle = attachWebSocketServer({
    requestLimits,
    queryGuard,
    clientIp,
    httpServer,
    schema,
    config,
    log,
    metrics,
    authenticator: services.authenticator,
    sockets,
    formatError,
    contextFor,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.http.playground,
    hideSchemaDetailsFromClientErrors: !config.http.playground,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    formatError,
    logger: log.child({ component: 'apollo' }),
    // No HTTP cache hints and no federation traces: both plugins would otherwise hook every field.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      queryGuard.plugin(),
      services.container.get(ResponseCache).plugin(),
      observabilityPlugin(metrics),
    ],
  });
  await apollo.start();

  /** Request id (echoed or made), then metrics and an access-log line when the response is done. */
  const trackRequest = (req: IncomingMessage, res: ServerResponse, route: () => string): string => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    // Before routing: express's mounted routers shorten req.url while they run.
    const path = (req.url ?? '').split('?')[0];
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        { method: req.method ?? 'GET', route: route(), status: String(res.statusCode) },
        seconds,
      );
      log.info(
        {
          reqId: requestId,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    return requestId;
  };
  // Helmet with a static policy: its headers computed once, set in one step per response.
  const securityHeaders = staticHeaders(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  /** The JSON answer for refusals before GraphQL (and for failures outside it). */
  const sendHttpError = (
    err: Error & { status?: number; type?: string },
    res: ServerResponse,
    requestId: string | undefined,
  ) => {
    const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500)
      log.error(
        { reqId: requestId, err: { message: err.message, stack: err.stack } },
        'http error',
      );
    const message =
      err.type === 'entity.too.large'
        ? 'Request body too large'
        : status < 500
          ? err.message
          : 'Internal server error';
    const code = status === 413 || status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
  const graphqlContext = async (req: IncomingMessage, requestId: string) => {
    const ip = clientIp(req);
    await requestLimits.takeForIp(ip);
    const viewer = await services.authenticator
      .authenticate(req.headers.authorization)
      .catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) throw databaseUnavailableError();
        throw err;
      });
    await requestLimits.takeForViewer(viewer);
    return contextFor(viewer, ip, req.headers['user-agent'] ?? null, requestId);
  };
  const graphqlRoute = () => '/graphql';
  function serveGraphqlWithoutExpress(req: IncomingMessage, res: ServerResponse): void {
    const requestId = trackRequest(req, res, graphqlRoute);
    securityHeaders(res);
    readJsonBody(req, config.http.bodyLimitBytes)
      .then((body) => serveGraphql(apollo, req, res, body, () => graphqlContext(req, requestId)))
      .catch((err: unknown) =>
        sendHttpError(err instanceof Error ? err : new HttpError(500, String(err)), res, requestId),
      );
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = trackRequest(
      req,
      res,
      () =>
        (req.route as { path?: string } | undefined)?.path ??
        (res.statusCode === 404 ? 'unmatched' : req.baseUrl || 'other'),
    );
    securityHeaders(res);
    next();
  });
  app.use(
    healthRouter({
      orm: readyOrm,
      kv: readyInfra.kv,
      pubsub: readyInfra.pubsub,
      redisConfigured: readyInfra.redisConfigured,
      shuttingDown: () => shuttingDown,
    }),
  );
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (config.http.playground) app.use(playgroundRouter());
  const corsMiddleware = cors({
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  // Only cross-origin requests carry Origin; the others need no CORS work.
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.headers.origin === undefined ? next() : corsMiddleware(req, res, next),
  );
  app.use(
    '/graphql',
    express.json({ limit: config.http.bodyLimitBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      const requestId = res.locals.requestId as string;
      serveGraphql(apollo, req, res, req.body as unknown, () =>
        graphqlContext(req, requestId),
      ).catch(next);
    },
  );
  for (const router of services.routers) app.use(router);
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => sendHttpError(err, res, res.locals.requestId as string | undefined),
  );

  let closing: Promise<void> | undefined;
  const drainHttp = async () => {
    if (!httpServer.listening) return;
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    const force = setTimeout(() => httpServer.closeAllConnections(), GRACE_MS);
    await closed;
    clearTimeout(force);
  };

  return {
    config,
    log,
    orm: readyOrm,
    infra: readyInfra,
    services,
    metrics,
    apollo,
    httpServer,
    database,
    async listen(port = config.http.port, host = config.http.host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      for (const task of services.tasks) task.start();
      const address = httpServer.address() as AddressInfo;
      const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
      const url = `http://${shownHost}:${address.port}`;
      log.info(
        { url: `${url}/graphql`, playground: config.http.playground ? `${url}/` : 'off' },
        'listening',
      );
      return url;
    },
    createContext: (viewer) => contextFor(viewer, '127.0.0.1', 'in-process'),
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        await ws.dispose();
        await drainHttp();
        await apollo.stop();
        await Promise.all(services.tasks.map((task) => task.stop()));
        await readyInfra.close();
        await readyOrm.close(true);
        await database.embedded?.stop();
      })();
      return closing;
    },
  };
}
