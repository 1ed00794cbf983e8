import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../infra/index.js';

/** What `enroll_student` reports for one enrolment. */
export interface EnrollOutcome {
  outcome: string;
  enrollment_id: string | null;
  enrolled_at: Date | null;
  remaining: number | null;
  capacity: number | null;
  stock_version: string | null;
  conflicting_course_id: string | null;
}

interface Pending {
  student: string;
  course: string;
  resolve: (outcome: EnrollOutcome) => void;
  reject: (error: unknown) => void;
}

/** A PostgreSQL array literal of ids already validated as digits. */
const idArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Group commit for enrolments: requests that arrive in the same event-loop
 * turn go to PostgreSQL as one `enroll_students(...)` call (one round trip,
 * one transaction) instead of one transaction each; every request still gets
 * its own outcome. If the batch statement fails as a whole, its requests are
 * retried one by one, so one bad request cannot fail the others.
 */
export class EnrollBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    private readonly maxBatch = 200,
  ) {}

  /** Enrols `student` in `course` (both validated ids). */
  enroll(student: string, course: string): Promise<EnrollOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ student, course, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) void this.run(this.queue.splice(0, this.maxBatch));
  }

  private async run(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.single(batch[0]!);
    let rows: (EnrollOutcome & { ord: number })[];
    try {
      rows = await this.orm.em
        .fork()
        .execute('select * from enroll_students(?::bigint[], ?::bigint[])', [
          idArray(batch.map((p) => p.student)),
          idArray(batch.map((p) => p.course)),
        ]);
    } catch (err) {
      this.log.warn(
        { size: batch.length, err: { message: (err as Error).message } },
        'enrolment batch failed; retrying one by one',
      );
      await Promise.all(batch.map((p) => this.single(p)));
      return;
    }
    for (const row of rows) batch[row.ord - 1]!.resolve(row);
  }

  private async single(pending: Pending): Promise<void> {
    try {
      const [row] = await this.orm.em
        .fork()
        .execute<EnrollOutcome[]>('select * from enroll_student(?, ?)', [
          pending.student,
          pending.course,
        ]);
      pending.resolve(row!);
    } catch (err) {
      pending.reject(err);
    }
  }
}
