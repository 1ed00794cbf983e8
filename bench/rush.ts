// Seat-rush benchmark: `npm run bench:rush`.
// 50 courses × 30 seats, 10,000 students, 1,000 courseStockChanged subscribers,
// 10,000 enroll requests over 500 connections; then the same burst as plain SQL
// transactions through a pg pool, for the ratio. Last line: one JSON object.
import pg from 'pg';
import {
  benchServer,
  createCourses,
  createSelectionScene,
  graphqlPoster,
  num,
  openStockSubscribers,
  quantile,
  round,
  waitForActiveSubscriptions,
  type SelectionScene,
} from './lib.js';

const STUDENTS = num('BENCH_STUDENTS', 10_000);
const COURSES = num('BENCH_COURSES', 50);
const SEATS = num('BENCH_SEATS', 30);
const SUBSCRIBERS = num('BENCH_SUBSCRIBERS', 1_000);
const CONNECTIONS = num('BENCH_CONNECTIONS', 500);
const RAW_POOL = num('BENCH_RAW_POOL', 20);

async function graphqlBurst(
  url: string,
  courseIds: string[],
  students: SelectionScene['students'],
) {
  const poster = graphqlPoster(url, CONNECTIONS);
  const body = (courseId: string) =>
    JSON.stringify({
      query: 'mutation Enroll($id: ID!) { enroll(courseId: $id) { id } }',
      variables: { id: courseId },
    });
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    students.map(async (student, i) => {
      const response = await poster.post(body(courseIds[i % courseIds.length]!), student.token);
      latencies.push(response.ms);
      const parsed = JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] };
      const outcome = parsed.errors
        ? (parsed.errors[0]?.extensions?.code ?? `HTTP_${response.status}`)
        : 'OK';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }),
  );
  const answeredMs = performance.now() - started;
  poster.close();
  return { answeredMs, latencies: latencies.sort((a, b) => a - b), outcomes };
}

/**
 * The same enrolment as plain SQL through a pg pool: the same database
 * function the service calls, with no HTTP, GraphQL, authentication or events.
 */
async function rawSqlBurst(
  databaseUrl: string,
  courseIds: string[],
  students: SelectionScene['students'],
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: RAW_POOL });
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    students.map(async (student, i) => {
      const { rows } = await pool.query<{ outcome: string }>(
        'select outcome from enroll_student($1, $2)',
        [student.id, courseIds[i % courseIds.length]],
      );
      const outcome = rows[0]!.outcome;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }),
  );
  const answeredMs = performance.now() - started;
  await pool.end();
  return { answeredMs, outcomes };
}

async function checkNoOversell(db: pg.Client, courseIds: string[]) {
  const rows = await db.query<{
    id: string;
    capacity: number;
    remaining: number;
    enrolled: string;
  }>(
    `select c.id, c.capacity, c.remaining, (select count(*) from enrollment e where e.course_id = c.id) as enrolled
     from course c where c.id = any($1::bigint[])`,
    [courseIds],
  );
  const oversold = rows.rows.filter(
    (r) => Number(r.enrolled) !== r.capacity - r.remaining || r.remaining < 0,
  ).length;
  const total = rows.rows.reduce((sum, r) => sum + Number(r.enrolled), 0);
  return { oversold, total };
}

async function main() {
  const server = await benchServer();
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    process.stdout.write(`setting up ${STUDENTS} students, ${COURSES} courses × ${SEATS} seats…\n`);
    const scene = await createSelectionScene(db, server.jwtSecret, STUDENTS);
    const courseIds = await createCourses(db, scene.periodIds[0], 'GraphQL', COURSES, SEATS);
    const subscribers = await openStockSubscribers(server.url, SUBSCRIBERS);
    await waitForActiveSubscriptions(server.url, SUBSCRIBERS);
    process.stdout.write(
      `${SUBSCRIBERS} subscribers live; firing ${STUDENTS} enroll requests over ${CONNECTIONS} connections…\n`,
    );

    const cpuBefore = { server: server.cpuMs(), client: process.cpuUsage() };
    const burst = await graphqlBurst(server.url, courseIds, scene.students);
    const serverCpu = (server.cpuMs() ?? NaN) - (cpuBefore.server ?? NaN);
    const clientCpu = process.cpuUsage(cpuBefore.client);
    // Let the last events reach every subscriber.
    const settleDeadline = Date.now() + 10_000;
    while (
      Date.now() < settleDeadline &&
      !subscribers.every((s) => courseIds.every((id) => s.last.get(id) === 0))
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const { oversold, total } = await checkNoOversell(db, courseIds);
    const stale = subscribers.filter((s) => !courseIds.every((id) => s.last.get(id) === 0)).length;
    const delays = subscribers.flatMap((s) => s.delays).sort((a, b) => a - b);
    for (const s of subscribers) s.socket.close();

    process.stdout.write('repeating the burst as plain SQL transactions…\n');
    const rawCourses = await createCourses(db, scene.periodIds[1], 'Raw SQL', COURSES, SEATS);
    const raw = await rawSqlBurst(server.databaseUrl, rawCourses, scene.students);
    const rawCheck = await checkNoOversell(db, rawCourses);

    const throughput = STUDENTS / (burst.answeredMs / 1000);
    const result = {
      answeredMs: Math.round(burst.answeredMs),
      p50Ms: round(quantile(burst.latencies, 0.5)),
      p99Ms: round(quantile(burst.latencies, 0.99)),
      throughput: Math.round(throughput),
      outcomes: burst.outcomes,
      oversold: oversold + rawCheck.oversold,
      enrolled: total,
      staleSubscribers: stale,
      pushEvents: delays.length,
      pushP50Ms: round(quantile(delays, 0.5)),
      pushP99Ms: round(quantile(delays, 0.99)),
      rawSqlAnsweredMs: Math.round(raw.answeredMs),
      rawSqlOutcomes: raw.outcomes,
      graphqlToRawSql: round(raw.answeredMs / burst.answeredMs, 2),
      serverCpuMs: Math.round(serverCpu),
      loadGeneratorCpuMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
    };
    process.stdout.write(
      [
        `answered all ${STUDENTS} in ${result.answeredMs} ms (${result.throughput} req/s), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
        `outcomes ${JSON.stringify(result.outcomes)}; enrolled ${total} of ${COURSES * SEATS} seats; oversold courses ${result.oversold}`,
        `pushed ${delays.length} events to ${SUBSCRIBERS} subscribers: p50 ${result.pushP50Ms} ms, p99 ${result.pushP99Ms} ms after commit; subscribers not ending on 0: ${stale}`,
        `CPU during the burst: server ${result.serverCpuMs} ms, load generator ${result.loadGeneratorCpuMs} ms (2 cores shared with PostgreSQL)`,
        `plain SQL: ${result.rawSqlAnsweredMs} ms for the same burst → GraphQL path at ${result.graphqlToRawSql}× the raw-SQL throughput`,
      ].join('\n') + '\n',
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.end();
    await server.stop();
  }
}

await main();
