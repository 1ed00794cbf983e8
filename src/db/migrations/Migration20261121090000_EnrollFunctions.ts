import { Migration } from '@mikro-orm/migrations';

/**
 * Enrolment and drop as single statements. The seat rush is bounded by how
 * long a course row stays locked: doing the checks, the conditional seat
 * UPDATE and the insert inside PostgreSQL means one round trip and a lock held
 * only for microseconds. The rules (and their order) are those of
 * EnrollmentService; the functions only report an outcome, the service turns
 * it into the error catalogue.
 */
export class Migration20261121090000_EnrollFunctions extends Migration {
  override name = 'Migration20261121090000_EnrollFunctions';

  override up(): void {
    this.addSql(`
create or replace function enroll_student(p_student bigint, p_course bigint)
returns table (outcome text, enrollment_id bigint, enrolled_at timestamptz, remaining int, capacity int,
               stock_version bigint, conflicting_course_id bigint)
language plpgsql volatile as $fn$
declare
  c record;
  v_term bigint;
  v_clash bigint;
  v_seat record;
  v_id bigint;
  v_at timestamptz;
begin
  select co.id, p.term_id, co.period_id, co.weekday, co.starts_at, co.ends_at,
         (t.selection_starts_at <= now() and now() < t.selection_ends_at) as open
    into c
    from course co join period p on p.id = co.period_id join term t on t.id = p.term_id
   where co.id = p_course;
  if not found then
    return query select 'NOT_FOUND', null::bigint, null::timestamptz, null::int, null::int, null::bigint, null::bigint;
    return;
  end if;
  if not c.open then
    return query select 'SELECTION_CLOSED', null::bigint, null::timestamptz, null::int, null::int, null::bigint, null::bigint;
    return;
  end if;
  -- One student at a time: a double-click or two clashing picks are serialised here.
  select u.term_id into v_term from app_user u where u.id = p_student for update;
  if v_term is distinct from c.term_id then
    return query select 'NOT_IN_TERM', null::bigint, null::timestamptz, null::int, null::int, null::bigint, null::bigint;
    return;
  end if;
  if exists (select 1 from enrollment e where e.student_id = p_student and e.course_id = p_course) then
    return query select 'ALREADY_ENROLLED', null::bigint, null::timestamptz, null::int, null::int, null::bigint, null::bigint;
    return;
  end if;
  select o.id into v_clash
    from enrollment e join course o on o.id = e.course_id
   where e.student_id = p_student and o.period_id = c.period_id and o.weekday = c.weekday
     and o.starts_at < c.ends_at and o.ends_at > c.starts_at
   order by o.starts_at, o.id limit 1;
  if v_clash is not null then
    return query select 'SCHEDULE_CONFLICT', null::bigint, null::timestamptz, null::int, null::int, null::bigint, v_clash;
    return;
  end if;
  update course set remaining = course.remaining - 1, stock_version = course.stock_version + 1
   where course.id = p_course and course.remaining > 0
  returning course.remaining, course.capacity, course.stock_version into v_seat;
  if not found then
    return query select 'COURSE_FULL', null::bigint, null::timestamptz, null::int, null::int, null::bigint, null::bigint;
    return;
  end if;
  insert into enrollment (student_id, course_id) values (p_student, p_course) returning id, created_at into v_id, v_at;
  return query select 'OK', v_id, v_at, v_seat.remaining, v_seat.capacity, v_seat.stock_version, null::bigint;
end
$fn$;`);

    this.addSql(`
create or replace function drop_student(p_student bigint, p_course bigint)
returns table (outcome text, remaining int, capacity int, stock_version bigint)
language plpgsql volatile as $fn$
declare
  v_open boolean;
  v_seat record;
begin
  select (t.selection_starts_at <= now() and now() < t.selection_ends_at)
    into v_open
    from course co join period p on p.id = co.period_id join term t on t.id = p.term_id
   where co.id = p_course;
  if not found then
    return query select 'NOT_FOUND', null::int, null::int, null::bigint;
    return;
  end if;
  if not v_open then
    return query select 'SELECTION_CLOSED', null::int, null::int, null::bigint;
    return;
  end if;
  perform 1 from app_user u where u.id = p_student for update;
  delete from enrollment e where e.student_id = p_student and e.course_id = p_course;
  if not found then
    return query select 'NOT_ENROLLED', null::int, null::int, null::bigint;
    return;
  end if;
  update course set remaining = course.remaining + 1, stock_version = course.stock_version + 1
   where course.id = p_course
  returning course.remaining, course.capacity, course.stock_version into v_seat;
  return query select 'OK', v_seat.remaining, v_seat.capacity, v_seat.stock_version;
end
$fn$;`);
  }

  override down(): void {
    this.addSql('drop function if exists enroll_student(bigint, bigint);');
    this.addSql('drop function if exists drop_student(bigint, bigint);');
  }
}
