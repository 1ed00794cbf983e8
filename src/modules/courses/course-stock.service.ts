import type { RequestContext } from '../../app/context.js';
import { parseId } from '../../db/ids.js';
import { AppError } from '../../errors/index.js';
import type { PubSub } from '../../infra/index.js';
import type { AppMetrics } from '../../app/metrics.js';
import type { CourseStock, StockEvent } from './courses.types.js';

export const COURSE_STOCK_TOPIC = 'course.stock';
const MAX_WATCHED = 500;

// Module-level, so every subscriber of an instance shares one coalescing hub (see PubSub).
const byCourse = (event: StockEvent) => event.courseId;
const stockVersion = (event: StockEvent) => event.version;

/**
 * Live seat counts. Every committed seat change is published with the
 * course's stock version (from the same UPDATE); each subscriber's queue keeps
 * only the newest version per course, so reordered or piled-up events never
 * leave a subscriber on a stale value and a slow subscriber costs at most one
 * queued event per course.
 */
export class CourseStockService {
  constructor(
    private readonly pubsub: PubSub,
    private readonly metrics: AppMetrics,
    private readonly pushIntervalMs: number,
  ) {}

  /** Publishes a committed change (call after commit; it is stamped with the time now). */
  async publish(change: Omit<StockEvent, 'at'>): Promise<StockEvent> {
    const event: StockEvent = { ...change, at: Date.now() };
    this.metrics.eventsPublished.inc({ topic: COURSE_STOCK_TOPIC });
    await this.pubsub.publish(COURSE_STOCK_TOPIC, event);
    return event;
  }

  /** Changes of these courses (all when omitted), resolved once subscribed. */
  subscribe(
    _ctx: RequestContext,
    courseIds: readonly string[] | null | undefined,
  ): Promise<AsyncIterableIterator<StockEvent>> {
    if (courseIds && courseIds.length > MAX_WATCHED)
      throw AppError.badInput('courseIds', `At most ${MAX_WATCHED} courses per subscription`);
    const watched = courseIds
      ? new Set(courseIds.map((id) => parseId(id)).filter((id) => id !== undefined))
      : undefined;
    return this.pubsub.subscribe<StockEvent>(COURSE_STOCK_TOPIC, {
      filter: watched ? (event) => watched.has(event.courseId) : undefined,
      coalesceBy: byCourse,
      versionOf: stockVersion,
      flushIntervalMs: this.pushIntervalMs,
    });
  }

  /** The client-facing shape of an event. */
  toStock(event: StockEvent): CourseStock {
    return {
      courseId: event.courseId,
      remaining: event.remaining,
      capacity: event.capacity,
      changedAt: new Date(event.at),
    };
  }
}
