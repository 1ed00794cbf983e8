import type { App } from '../../src/app/create-app.js';
import { Course, CourseType, Period, Term } from '../../src/modules/courses/index.js';
import { User } from '../../src/modules/accounts/index.js';
import { createUser, signIn, type SignedInUser, type UserSpec } from './users.js';

let nextTermIndex = 1000 + Math.floor(Math.random() * 5000);
const HOUR = 3_600_000;

export interface TermSpec {
  /** Selection window open now (default), or closed (ended yesterday / starts tomorrow). */
  window?: 'open' | 'past' | 'future';
}

export async function createTerm(app: App, spec: TermSpec = {}): Promise<Term> {
  const em = app.orm.em.fork();
  const now = Date.now();
  const window = spec.window ?? 'open';
  const [start, end] =
    window === 'open'
      ? [now - HOUR, now + 24 * HOUR]
      : window === 'past'
        ? [now - 48 * HOUR, now - 24 * HOUR]
        : [now + 24 * HOUR, now + 48 * HOUR];
  const term = em.create(Term, {
    index: nextTermIndex++,
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    selectionStartsAt: new Date(start),
    selectionEndsAt: new Date(end),
  });
  await em.flush();
  return term;
}

export async function createPeriod(app: App, term: Term, index = 1): Promise<Period> {
  const em = app.orm.em.fork();
  const period = em.create(Period, {
    term: em.getReference(Term, term.id),
    index,
    startsOn: '2026-09-01',
    endsOn: '2026-10-31',
  });
  await em.flush();
  return period;
}

export async function createCourseType(
  app: App,
  name = `type-${Math.random().toString(36).slice(2)}`,
): Promise<CourseType> {
  const em = app.orm.em.fork();
  const type = em.create(CourseType, { name });
  await em.flush();
  return type;
}

export interface CourseSpec {
  title?: string;
  teacher?: string;
  location?: string;
  capacity?: number;
  weekday?: number;
  start?: string;
  end?: string;
  professional?: boolean;
  type?: CourseType;
}

export async function createCourse(
  app: App,
  period: Period,
  spec: CourseSpec = {},
): Promise<Course> {
  const em = app.orm.em.fork();
  const capacity = spec.capacity ?? 30;
  const course = em.create(Course, {
    title: spec.title ?? 'Course',
    teacher: spec.teacher ?? 'Teacher',
    location: spec.location ?? 'Room 101',
    capacity,
    remaining: capacity,
    professional: spec.professional ?? false,
    weekday: spec.weekday ?? 1,
    startsAt: `${spec.start ?? '08:00'}:00`,
    endsAt: `${spec.end ?? '09:40'}:00`,
    type: em.getReference(CourseType, (spec.type ?? (await createCourseType(app))).id),
    period: em.getReference(Period, period.id),
  });
  await em.flush();
  return course;
}

/** A term with an open window, one period, and a course type: the usual scene. */
export async function createSelectionScene(app: App, spec: TermSpec = {}) {
  const term = await createTerm(app, spec);
  const period = await createPeriod(app, term);
  const type = await createCourseType(app);
  return { term, period, type };
}

/** A signed-in student of a term. */
export async function createStudent(
  app: App,
  term: Term | null,
  spec: UserSpec = {},
): Promise<SignedInUser> {
  const user = await createUser(app, spec);
  if (term) await app.orm.em.fork().nativeUpdate(User, { id: user.id }, { term: term.id });
  return signIn(app, user);
}
