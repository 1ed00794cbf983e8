import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, PubSub } from '../../infra/index.js';
import { Course } from './course.entity.js';
import { CourseType } from './course-type.entity.js';
import { COURSE_STOCK_TOPIC } from './course-stock.service.js';
import type { StockEvent } from './courses.types.js';
import { Period } from './period.entity.js';
import { Term } from './term.entity.js';

/** Announced (after commit) by every change to course types, terms, periods or courses. */
export const CATALOG_CHANGED_TOPIC = 'catalog.changed';
const MAX_PAGES = 1_000;

/** A course row as listed: the entity's fields, plain (no ORM state), shared by requests. */
export interface CourseRow {
  id: string;
  /** The row's keyset cursor in the course listing order (computed once). */
  cursor: string;
  title: string;
  teacher: string;
  assistant: string | null;
  location: string;
  capacity: number;
  remaining: number;
  stockVersion: number;
  professional: boolean;
  weekday: number;
  startsAt: string;
  endsAt: string;
  typeId: string;
  periodId: string;
}

interface CachedPage {
  expiresAt: number;
  rows: CourseRow[];
  totalCount: number;
}

interface StaticCatalogue {
  expiresAt: number;
  types: Map<string, CourseType>;
  periods: Map<string, Period>;
  terms: Map<string, Term>;
}

/**
 * Cached rows are served as detached instances of the entity classes (so
 * type-graphql takes them as they are), built on a prototype that shadows the
 * entity's ORM accessors and getters with plain data properties: assigning a
 * row's fields then runs no ORM code.
 */
function detached<T extends object>(
  cls: abstract new (...args: never[]) => T,
  keys: readonly string[],
): (fields: object) => T {
  const prototype = Object.create(cls.prototype as object) as object;
  for (const key of keys)
    Object.defineProperty(prototype, key, {
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  return (fields) => Object.assign(Object.create(prototype) as T, fields);
}

const COURSE_KEYS = [
  'id',
  'cursor',
  'title',
  'teacher',
  'assistant',
  'location',
  'capacity',
  'remaining',
  'stockVersion',
  'professional',
  'weekday',
  'startsAt',
  'endsAt',
  'typeId',
  'periodId',
  'startTime',
  'endTime',
  'type',
  'period',
];
const asCourse = detached(Course, COURSE_KEYS);
const asCourseType = detached(CourseType, ['id', 'name', 'logo']);
const asPeriod = detached(Period, ['id', 'index', 'startsOn', 'endsOn', 'term']);
const asTerm = detached(Term, [
  'id',
  'index',
  'startsOn',
  'endsOn',
  'selectionStartsAt',
  'selectionEndsAt',
]);

/**
 * In-process catalogue cache. Course types, periods and terms (small, rarely
 * changed) are held whole; listing pages are held for `ttlMs`. Seat counts are
 * never served from a cache: every row's `remaining`/`capacity` is overlaid
 * from a live map fed by the versioned stock events (the newest version
 * wins), as the seeds did with their Redis hash. Any catalogue change clears
 * the cache on every instance (pub/sub); the TTL bounds staleness if an event
 * is lost.
 */
export class CatalogCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly live = new Map<
    string,
    { remaining: number; capacity: number; version: number }
  >();
  private catalogue: Promise<StaticCatalogue> | undefined;
  private reloading: Promise<StaticCatalogue> | undefined;
  /** The loaded static catalogue while it is fresh (for synchronous lookups). */
  private loaded: StaticCatalogue | undefined;
  private listeners: AsyncIterableIterator<unknown>[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly pubsub: PubSub,
    private readonly log: Logger,
    readonly ttlMs: number,
    private readonly onClear: () => void = () => undefined,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Starts following stock changes and catalogue changes. */
  start(): void {
    if (!this.enabled) return;
    void this.follow<StockEvent>(COURSE_STOCK_TOPIC, (event) =>
      this.noteStock(event.courseId, event.remaining, event.capacity, event.version),
    );
    void this.follow(CATALOG_CHANGED_TOPIC, () => this.clear());
  }

  private async follow<T>(topic: string, handle: (event: T) => void): Promise<void> {
    try {
      const events = await this.pubsub.subscribe<T>(topic);
      this.listeners.push(events);
      for await (const event of events) handle(event);
    } catch (err) {
      this.log.warn(
        { topic, err: { message: (err as Error).message } },
        'catalogue cache stopped following',
      );
    }
  }

  async stop(): Promise<void> {
    for (const listener of this.listeners.splice(0)) await listener.return?.();
  }

  /** Forgets everything (this instance); call {@link announceChange} after commit for all instances. */
  clear(): void {
    this.pages.clear();
    this.catalogue = undefined;
    this.loaded = undefined;
    this.onClear();
  }

  /** The newest known seat count of a course. */
  seats(courseId: string): { remaining: number; capacity: number } | undefined {
    return this.live.get(courseId);
  }

  /** The static catalogue if it is in memory and fresh, else undefined (then load it). */
  warmCatalogue(): StaticCatalogue | undefined {
    const loaded = this.loaded;
    return loaded && this.enabled && loaded.expiresAt > Date.now() ? loaded : undefined;
  }

  /** Clears the cache here and on every other instance. */
  async announceChange(): Promise<void> {
    this.clear();
    await this.pubsub.publish(CATALOG_CHANGED_TOPIC, { at: Date.now() });
  }

  /** Records a seat count if it is newer than what is known. */
  noteStock(courseId: string, remaining: number, capacity: number, version: number): void {
    const known = this.live.get(courseId);
    if (!known || version > known.version)
      this.live.set(courseId, { remaining, capacity, version });
  }

  /** A cached page, or undefined. */
  page(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (page.expiresAt <= Date.now()) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  storePage(key: string, rows: CourseRow[], totalCount: number): void {
    for (const row of rows) this.noteStock(row.id, row.remaining, row.capacity, row.stockVersion);
    if (!this.enabled) return;
    if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, { expiresAt: Date.now() + this.ttlMs, rows, totalCount });
  }

  /** A request's view of a row: a Course-shaped object with the live seat count. */
  materialize(row: CourseRow): Course {
    const seats = this.live.get(row.id);
    const fresh = seats && seats.version >= row.stockVersion ? seats : row;
    return asCourse({
      ...row,
      remaining: fresh.remaining,
      capacity: fresh.capacity,
      startTime: row.startsAt.slice(0, 5),
      endTime: row.endsAt.slice(0, 5),
      type: { id: row.typeId },
      period: { id: row.periodId },
    });
  }

  /**
   * Course types, periods and terms by id (loaded whole, in three small
   * queries). `reload` forces a fresh load (an id was not found: it may be new).
   */
  staticCatalogue(reload = false): Promise<StaticCatalogue> {
    const current = this.catalogue;
    if (current && this.enabled && !reload) {
      return current.then((c) => (c.expiresAt > Date.now() ? c : this.reloadStatic()));
    }
    return this.reloadStatic();
  }

  private reloadStatic(): Promise<StaticCatalogue> {
    // Concurrent callers (the loaders of one request, or a burst of requests) share one load.
    if (this.reloading) return this.reloading;
    const loading = (async () => {
      const em = this.orm.em.fork();
      const [types, periods, terms] = await Promise.all([
        em.execute<{ id: string; name: string; logo: string | null }[]>(
          'select id, name, logo from course_type',
        ),
        em.execute<
          { id: string; term_id: string; index: number; starts_on: string; ends_on: string }[]
        >(
          `select id, term_id, index, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on from period`,
        ),
        em.execute<
          {
            id: string;
            index: number;
            starts_on: string;
            ends_on: string;
            selection_starts_at: Date;
            selection_ends_at: Date;
          }[]
        >(
          `select id, index, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
                  selection_starts_at, selection_ends_at from term`,
        ),
      ]);
      return {
        expiresAt: Date.now() + Math.max(this.ttlMs * 5, 0),
        types: new Map(
          types.map((t) => [
            String(t.id),
            asCourseType({ id: String(t.id), name: t.name, logo: t.logo }),
          ]),
        ),
        periods: new Map(
          periods.map((p) => [
            String(p.id),
            asPeriod({
              id: String(p.id),
              index: p.index,
              startsOn: p.starts_on,
              endsOn: p.ends_on,
              term: { id: String(p.term_id) },
            }),
          ]),
        ),
        terms: new Map(
          terms.map((t) => [
            String(t.id),
            asTerm({
              id: String(t.id),
              index: t.index,
              startsOn: t.starts_on,
              endsOn: t.ends_on,
              selectionStartsAt: new Date(t.selection_starts_at),
              selectionEndsAt: new Date(t.selection_ends_at),
            }),
          ]),
        ),
      };
    })();
    this.reloading = loading;
    if (this.enabled) this.catalogue = loading;
    void loading.then(
      (c) => {
        if (this.enabled && this.catalogue === loading) this.loaded = c;
      },
      () => undefined,
    );
    loading
      .finally(() => {
        if (this.reloading === loading) this.reloading = undefined;
      })
      .catch(() => {
        if (this.catalogue === loading) this.catalogue = undefined;
      });
    return loading;
  }
}
