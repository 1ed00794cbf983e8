import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyValueStore } from '../infra/kv-store.js';
import type { PubSub } from '../infra/pubsub.js';

type Check = 'up' | 'down' | 'not configured';

async function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthDeps {
  readonly orm: MikroORM;
  readonly kv: KeyValueStore;
  readonly pubsub: PubSub;
  readonly redisConfigured: boolean;
  readonly shuttingDown: () => boolean;
}

/**
 * `GET /health/live` (the process answers) and `GET /health/ready` (200 only
 * when PostgreSQL, and Redis when configured, answer; 503 while shutting down).
 */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const database: Check = await withTimeout(
      deps.orm.em
        .fork()
        .getConnection()
        .execute('select 1')
        .then(
          (): Check => 'up',
          (): Check => 'down',
        ),
      2_000,
      'down',
    );
    const redis: Check = deps.redisConfigured
      ? await withTimeout(
          Promise.all([deps.kv.healthy(), deps.pubsub.healthy()]).then(([a, b]): Check =>
            a && b ? 'up' : 'down',
          ),
          2_000,
          'down',
        )
      : 'not configured';
    const shuttingDown = deps.shuttingDown();
    const ok = database === 'up' && redis !== 'down' && !shuttingDown;
    res
      .status(ok ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: ok ? 'ok' : 'unavailable', shuttingDown, checks: { database, redis } });
  });
  return router;
}
