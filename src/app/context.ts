import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../infra/logger.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors/index.js';
import type { ServiceContainer } from './container.js';
import { LoaderRegistry } from './loaders.js';

/**
 * Everything one GraphQL request (or one subscription event) may use:
 * a forked EntityManager, fresh DataLoaders and the signed-in viewer.
 */
export interface RequestContext {
  readonly requestId: string;
  /** Forked for this request only; never shared between requests or events. */
  readonly em: EntityManager;
  readonly loaders: LoaderRegistry<RequestContext>;
  readonly viewer: Viewer | null;
  readonly log: Logger;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly container: ServiceContainer;
  /** A new context for the same caller with its own fork and loaders (one per subscription event). */
  fresh(): RequestContext;
}

export interface ContextInit {
  readonly requestId?: string;
  readonly rootEm: EntityManager;
  readonly viewer: Viewer | null;
  readonly log: Logger;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly container: ServiceContainer;
}

/** What a context makes on first use; shared with Apollo's shallow copy of the context. */
interface LazyParts {
  em?: EntityManager;
  log?: Logger;
}

/**
 * A request context. The fork and the request logger are made on first use
 * (many requests never need them, and under load their cost adds up). The
 * lazy parts sit behind prototype getters and one shared holder, so Apollo's
 * per-request shallow copy of the context neither triggers them nor splits
 * them: the copy and the original (which the DataLoaders hold) share one fork.
 */
class Context implements RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly container: ServiceContainer;
  readonly loaders: LoaderRegistry<RequestContext>;
  private readonly lazy: LazyParts = {};

  constructor(private readonly init: ContextInit) {
    this.requestId = init.requestId ?? randomUUID();
    this.viewer = init.viewer;
    this.ip = init.ip;
    this.userAgent = init.userAgent;
    this.container = init.container;
    this.loaders = new LoaderRegistry<RequestContext>(this);
  }

  get em(): EntityManager {
    return (this.lazy.em ??= this.init.rootEm.fork({ clear: true, useContext: false }));
  }

  get log(): Logger {
    return (this.lazy.log ??= this.init.log.child({ reqId: this.requestId }));
  }

  fresh(): RequestContext {
    return new Context({ ...this.init, requestId: this.requestId });
  }
}

/** Builds a request context with its own (lazily made) EntityManager fork and DataLoaders. */
export function createContext(init: ContextInit): RequestContext {
  return new Context(init);
}

/** The signed-in viewer's user id; UNAUTHENTICATED for an anonymous caller. */
export function viewerId(ctx: RequestContext): string {
  if (!ctx.viewer) throw AppError.unauthenticated();
  return ctx.viewer.userId;
}
