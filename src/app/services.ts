import type { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.js';
import type { KeyValueStore, Logger, PubSub } from '../infra/index.js';
import type { Viewer } from '../auth/viewer.js';
import { ServiceContainer } from './container.js';
import type { AppMetrics } from './metrics.js';
import { SystemResolver } from '../modules/system/system.resolver.js';

/** What every service may depend on. */
export interface CoreDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly orm: MikroORM;
  readonly pubsub: PubSub;
  readonly kv: KeyValueStore;
  readonly metrics: AppMetrics;
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
}

/** Creates every service and resolver of one app instance, wiring their dependencies explicitly. */
export function createServices(_deps: CoreDeps): Services {
  const container = new ServiceContainer();
  container.register(new SystemResolver());
  return {
    container,
    authenticator: {
      authenticate: (authorization) => {
        if (authorization === undefined) return Promise.resolve(null);
        return Promise.resolve(null);
      },
    },
    routers: [],
    tasks: [],
  };
}
