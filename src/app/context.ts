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

/**
 * Builds a request context with its own EntityManager fork and DataLoaders.
 * The fork and the request logger are made on first use: many requests never
 * need them, and under load their cost adds up.
 */
export function createContext(init: ContextInit): RequestContext {
  const requestId = init.requestId ?? randomUUID();
  let em: EntityManager | undefined;
  let log: Logger | undefined;
  const ctx: RequestContext = {
    requestId,
    get em() {
      return (em ??= init.rootEm.fork({ clear: true, useContext: false }));
    },
    loaders: undefined as unknown as LoaderRegistry<RequestContext>,
    viewer: init.viewer,
    get log() {
      return (log ??= init.log.child({ reqId: requestId }));
    },
    ip: init.ip,
    userAgent: init.userAgent,
    container: init.container,
    fresh: () => createContext({ ...init, requestId }),
  };
  (ctx as { loaders: LoaderRegistry<RequestContext> }).loaders = new LoaderRegistry(ctx);
  return ctx;
}

/** The signed-in viewer's user id; UNAUTHENTICATED for an anonymous caller. */
export function viewerId(ctx: RequestContext): string {
  if (!ctx.viewer) throw AppError.unauthenticated();
  return ctx.viewer.userId;
}
