import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { RequestContext } from '../../app/context.js';
import type { LoaderFactory } from '../../app/loaders.js';
import { Course } from './course.entity.js';
import { CourseType } from './course-type.entity.js';
import { Period } from './period.entity.js';
import { Term } from './term.entity.js';

/** A DataLoader fetching entities by id in one `IN` query per batch. */
function byId<T extends { id: string }>(
  entity: EntityName<T>,
): LoaderFactory<string, T | null, RequestContext> {
  return (ctx) =>
    new DataLoader<string, T | null, string>(async (ids) => {
      const rows = (await ctx.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
}

export const courseTypeById = byId(CourseType);
export const periodById = byId(Period);
export const termById = byId(Term);
export const courseById = byId(Course);

/** Periods of each term, by index. */
export const periodsByTermId: LoaderFactory<string, Period[], RequestContext> = (ctx) =>
  new DataLoader<string, Period[], string>(async (termIds) => {
    const periods = await ctx.em.find(
      Period,
      { term: { $in: [...termIds] } },
      { orderBy: { index: 'asc' } },
    );
    return termIds.map((termId) => periods.filter((p) => p.term.id === termId));
  });

/** Whether the viewer is enrolled in each course: one query for all courses of the request. */
export const viewerEnrolledIn: LoaderFactory<string, boolean, RequestContext> = (ctx) =>
  new DataLoader<string, boolean, string>(async (courseIds) => {
    if (!ctx.viewer) return courseIds.map(() => false);
    const rows = await ctx.em.execute<{ course_id: string }[]>(
      'select course_id from enrollment where student_id = ? and course_id in (?)',
      [ctx.viewer.userId, [...courseIds]],
    );
    const enrolled = new Set(rows.map((r) => String(r.course_id)));
    return courseIds.map((id) => enrolled.has(id));
  });
