import type { Request, Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.js';
import type { KeyValueStore, Logger, PubSub } from '../infra/index.js';
import { MailQueue } from '../infra/mail-queue.js';
import { createMailer } from '../infra/mailer.js';
import { RateLimiter } from '../infra/rate-limiter.js';
import { BearerAuthenticator } from '../auth/authenticator.js';
import { loadSecretKeys } from '../auth/keys.js';
import { SessionService } from '../auth/session.service.js';
import { SessionWatcher } from '../auth/session-watcher.js';
import { TokenService } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import {
  AccountResolver,
  AdminUserResolver,
  AuthResolver,
  AuthService,
  EmailCodeService,
  UserImportService,
  UserService,
} from '../modules/accounts/index.js';
import { SystemResolver } from '../modules/system/system.resolver.js';
import { TodoResolver, TodoService } from '../modules/todos/index.js';
import {
  QrLoginService,
  UserWechatResolver,
  WechatAccountService,
  wechatCallbackRouter,
  WechatResolver,
} from '../modules/wechat/index.js';
import { WechatClient } from '../infra/wechat-client.js';
import {
  CatalogService,
  CourseAdminResolver,
  CourseAdminService,
  CourseFieldsResolver,
  CourseResolver,
  CourseStockService,
  CourseTerms,
  EnrollmentFieldsResolver,
  EnrollmentResolver,
  EnrollmentService,
  enrollmentExportRouter,
  PeriodFieldsResolver,
  TermFieldsResolver,
  UserTermResolver,
} from '../modules/courses/index.js';
import { EnrollBatcher } from '../modules/courses/enroll-batcher.js';
import {
  AddressService,
  alipayNotifyRouter,
  CartItemFieldsResolver,
  CartResolver,
  CartService,
  CategoryFieldsResolver,
  FavoriteService,
  OrderFieldsResolver,
  OrderLineFieldsResolver,
  OrderResolver,
  OrderService,
  OrderSweeper,
  PaymentService,
  ProductCatalogService,
  ProductFieldsResolver,
  ProductResolver,
  ShopAdminResolver,
  ShopAdminService,
} from '../modules/shop/index.js';
import { AlipayClient } from '../infra/alipay-client.js';
import { CatalogCache } from '../modules/courses/catalog-cache.js';
import { createContext } from './context.js';
import { ResponseCache } from './response-cache.js';
import { ServiceContainer } from './container.js';
import type { AppMetrics } from './metrics.js';
import type { SocketRegistry } from './socket-registry.js';

/** What every service may depend on. */
export interface CoreDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly orm: MikroORM;
  readonly pubsub: PubSub;
  readonly kv: KeyValueStore;
  readonly metrics: AppMetrics;
  readonly sockets: SocketRegistry;
}

/** Turns a request's credentials into a viewer; throws UNAUTHENTICATED for bad ones. */
export interface Authenticator {
  /** `undefined` header → anonymous (null). */
  authenticate(authorization: string | undefined): Promise<Viewer | null>;
}

/** Long-running work owned by a service (sweepers, mail queue), started after listen and stopped on shutdown. */
export interface BackgroundTask {
  start(): void;
  stop(): Promise<void>;
}

/** The wired application: resolvers and services in one container, plus extra HTTP routes. */
export interface Services {
  readonly container: ServiceContainer;
  readonly authenticator: Authenticator;
  readonly routers: readonly Router[];
  readonly tasks: readonly BackgroundTask[];
  /** One-off work before serving (admin bootstrap). */
  init(): Promise<void>;
}

/**
 * Creates every service and resolver of one app instance, wiring their
 * dependencies explicitly; services are also registered in the container by
 * class so tests and routes can reach them.
 */
export async function createServices(deps: CoreDeps): Promise<Services> {
  const { config, log, orm, pubsub, kv, sockets } = deps;
  const container = new ServiceContainer();
  const keys = await loadSecretKeys(config);

  const tokens = container.register(new TokenService(keys.jwt, config.auth.accessTokenTtlMs));
  const limiter = container.register(new RateLimiter(kv, log));
  const mailQueue = container.register(
    new MailQueue(createMailer(config, log), log.child({ component: 'mail' })),
  );
  const sessions = container.register(new SessionService(orm, pubsub, sockets, config, log));
  const authenticator = new BearerAuthenticator(tokens, sessions);
  const watcher = new SessionWatcher(sessions, sockets, pubsub, log);

  const terms = new CourseTerms();
  const auth = container.register(new AuthService(sessions, tokens, limiter));
  const users = container.register(new UserService(sessions, terms));
  const emailCodes = container.register(
    new EmailCodeService(sessions, mailQueue, limiter, keys.codes),
  );
  const importer = container.register(new UserImportService(terms));

  container.register(new SystemResolver());
  container.register(new AuthResolver(auth));
  container.register(new AccountResolver(users, emailCodes));
  container.register(new AdminUserResolver(users, importer));

  const todos = container.register(new TodoService(pubsub));
  container.register(new TodoResolver(todos));

  const wechatClient = container.register(
    new WechatClient(
      config.wechat.apiBase,
      log.child({ component: 'wechat' }),
      config.wechat.timeoutMs,
    ),
  );
  const wechatAccounts = container.register(
    new WechatAccountService(auth, wechatClient, config, log),
  );
  const qrLogins = container.register(
    new QrLoginService(
      kv,
      pubsub,
      wechatAccounts,
      wechatClient,
      limiter,
      keys.sealing,
      config,
      log.child({ component: 'wechat-qr' }),
    ),
  );
  container.register(new WechatResolver(wechatAccounts, qrLogins));
  container.register(new UserWechatResolver());

  const responseCache = container.register(new ResponseCache(config.catalogCacheTtlMs));
  const catalogCache = container.register(
    new CatalogCache(orm, pubsub, log, config.catalogCacheTtlMs, () => responseCache.clear()),
  );
  const catalog = container.register(new CatalogService(catalogCache));
  const stock = container.register(
    new CourseStockService(pubsub, deps.metrics, config.stockPushIntervalMs),
  );
  const enrollments = container.register(new EnrollmentService(stock, new EnrollBatcher(orm, log)));
  const courseAdmin = container.register(new CourseAdminService(stock, catalogCache));
  container.register(new CourseResolver(catalog, stock));
  container.register(new CourseFieldsResolver(catalog));
  container.register(new TermFieldsResolver(catalog));
  container.register(new PeriodFieldsResolver(catalog));
  container.register(new UserTermResolver(catalog));
  container.register(new EnrollmentResolver(enrollments));
  container.register(new EnrollmentFieldsResolver(enrollments));
  container.register(new CourseAdminResolver(courseAdmin));

  const productCatalog = container.register(new ProductCatalogService());
  const carts = container.register(new CartService());
  const favorites = container.register(new FavoriteService());
  const addresses = container.register(new AddressService());
  const orders = container.register(new OrderService(addresses, config.shop.orderPaymentTimeoutMs));
  const payments = container.register(
    new PaymentService(
      container.register(new AlipayClient(config.alipay)),
      orders,
      `${config.http.publicUrl}/payments/alipay/notify`,
      log.child({ component: 'alipay' }),
    ),
  );
  const sweeper = container.register(
    new OrderSweeper(orders, orm, config.shop.sweepIntervalMs, log.child({ component: 'orders' })),
  );
  container.register(new ProductResolver(productCatalog));
  container.register(new CategoryFieldsResolver(productCatalog));
  container.register(new ProductFieldsResolver(productCatalog));
  container.register(new CartResolver(carts, favorites));
  container.register(new CartItemFieldsResolver());
  container.register(new OrderResolver(addresses, orders, payments));
  container.register(new OrderFieldsResolver(orders));
  container.register(new OrderLineFieldsResolver(orders));
  container.register(new ShopAdminResolver(container.register(new ShopAdminService())));

  /** A context for HTTP routes outside GraphQL (callbacks): anonymous, with its own EntityManager fork. */
  const routeContext = (req: Request) =>
    createContext({
      rootEm: orm.em,
      viewer: null,
      log,
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
      container,
    });

  return {
    container,
    authenticator,
    routers: [
      wechatCallbackRouter(qrLogins, routeContext, config, log),
      enrollmentExportRouter(orm, authenticator, log),
      alipayNotifyRouter(payments, orm, log.child({ component: 'alipay' })),
    ],
    tasks: [mailQueue, watcher, catalogCache, sweeper],
    async init() {
      if (config.auth.admin) await users.bootstrapAdmin(orm.em.fork(), config.auth.admin, log);
    },
  };
}
