import { Migration } from '@mikro-orm/migrations';

/**
 * Group commit for the seat rush: enrolments that arrive together run in one
 * statement (one round trip, one transaction), each with its own outcome.
 * Lock order is fixed to rule out deadlocks between concurrent batches: first
 * every student of the batch (ascending id), then the enrolments in course
 * order, so course rows are also locked in ascending order.
 */
export class Migration20261121091500_EnrollBatch extends Migration {
  override name = 'Migration20261121091500_EnrollBatch';

  override up(): void {
    this.addSql(`
create or replace function enroll_students(p_students bigint[], p_courses bigint[])
returns table (ord int, outcome text, enrollment_id bigint, enrolled_at timestamptz, remaining int, capacity int,
               stock_version bigint, conflicting_course_id bigint)
language plpgsql volatile as $fn$
declare
  r record;
begin
  perform 1 from app_user u where u.id = any(p_students) order by u.id for update;
  for r in
    select i.ord, i.student, i.course
      from unnest(p_students, p_courses) with ordinality as i(student, course, ord)
     order by i.course, i.student, i.ord
  loop
    return query select r.ord::int, e.* from enroll_student(r.student, r.course) e;
  end loop;
end
$fn$;`);
  }

  override down(): void {
    this.addSql('drop function if exists enroll_students(bigint[], bigint[]);');
  }
}
