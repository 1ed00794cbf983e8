import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from 'pg';

/**
 * The Prometheus metrics of one app instance (own registry: several instances
 * may live in one process during tests).
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlOperations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome (ok or the first error code)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly websocketsOpen = new Gauge({
    name: 'websocket_connections_open',
    help: 'Open graphql-ws WebSocket connections',
    registers: [this.registry],
  });
  /** Set by the WebSocket server: how many operations are running on open sockets. */
  activeSubscriptions: () => number = () => 0;
  readonly eventsPublished = new Counter({
    name: 'pubsub_events_published_total',
    help: 'Events published to subscribers, by topic family',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  constructor(pool: () => Pool | undefined) {
    collectDefaultMetrics({ register: this.registry });
    const activeSubscriptions = () => this.activeSubscriptions();
    new Gauge({
      name: 'graphql_subscriptions_active',
      help: 'Active GraphQL subscriptions',
      registers: [this.registry],
      collect() {
        this.set(activeSubscriptions());
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }
}
