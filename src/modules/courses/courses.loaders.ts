import DataLoader from 'dataloader';
import type { RequestContext } from '../../app/context.js';
import { entityById, type LoaderFactory } from '../../app/loaders.js';
import { Course } from './course.entity.js';

/** Courses by id. */
export const courseById = entityById(Course);

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
