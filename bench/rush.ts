// Seat-rush benchmark: `npm run bench:rush`.
// 50 courses × 30 seats, 10,000 students, 1,000 courseStockChanged subscribers,
// 10,000 enroll requests over 500 connections; then the same burst as plain SQL
// transactions through a pg pool, for the ratio. Last line: one JSON object.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import pg from 'pg';
import WebSocket from 'ws';
import { benchServer, graphqlPoster, num, quantile, round } from './lib.js';

const STUDENTS = num('BENCH_STUDENTS', 10_000);
const COURSES = num('BENCH_COURSES', 50);
const SEATS = num('BENCH_SEATS', 30);
const SUBSCRIBERS = num('BENCH_SUBSCRIBERS', 1_000);
const CONNECTIONS = num('BENCH_CONNECTIONS', 500);
const RAW_POOL = num('BENCH_RAW_POOL', 20);

interface Scene {
  termId: string;
  periodIds: [string, string];
  students: { id: string; token: string }[];
}

async function setUp(db: pg.Client, jwtSecret: string): Promise<Scene> {
  const runId = Date.now().toString(36);
  const term = await db.query<{ id: string }>(
    `insert into term (index, starts_on, ends_on, selection_starts_at, selection_ends_at)
     values ((select coalesce(max(index), 0) + 1 from term), current_date, current_date + 120, now() - interval '1 minute', now() + interval '1 day')
     returning id`,
  );
  const termId = term.rows[0]!.id;
  const periods = await db.query<{ id: string }>(
    `insert into period (term_id, index, starts_on, ends_on) values ($1, 1, current_date, current_date + 40), ($1, 2, current_date + 41, current_date + 80) returning id`,
    [termId],
  );
  await db.query(`insert into course_type (name) values ($1)`, [`bench ${runId}`]);
  const students = await db.query<{ id: string }>(
    `insert into app_user (username, nickname, term_id) select 'bench-' || $1 || '-' || g, 'bench', $2 from generate_series(1, $3) g returning id`,
    [runId, termId, STUDENTS],
  );
  const sessions = await db.query<{ id: string; user_id: string }>(
    `insert into session (id, user_id, refresh_token_hash, expires_at)
     select gen_random_uuid(), u.id, md5(random()::text || u.id), now() + interval '1 day'
     from unnest($1::bigint[]) as u(id) returning id, user_id`,
    [students.rows.map((r) => r.id)],
  );
  const key = new TextEncoder().encode(jwtSecret);
  const now = Math.floor(Date.now() / 1000);
  const tokens = await Promise.all(
    sessions.rows.map(async (s) => ({
      id: String(s.user_id),
      token: await new SignJWT({ sid: s.id })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuer('campus-api')
        .setAudience('campus-clients')
        .setSubject(String(s.user_id))
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .setJti(randomUUID())
        .sign(key),
    })),
  );
  return { termId, periodIds: [periods.rows[0]!.id, periods.rows[1]!.id], students: tokens };
}

async function createCourses(db: pg.Client, periodId: string, label: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `insert into course (title, teacher, location, capacity, remaining, weekday, starts_at, ends_at, type_id, period_id)
     select $1 || ' ' || g, 'Teacher', 'Room ' || g, $2, $2, 1 + (g % 7), '08:00', '09:40', (select max(id) from course_type), $3
     from generate_series(1, $4) g returning id`,
    [label, SEATS, periodId, COURSES],
  );
  return rows.rows.map((r) => String(r.id));
}

interface Subscriber {
  socket: WebSocket;
  last: Map<string, number>;
  delays: number[];
}

async function openSubscribers(url: string): Promise<Subscriber[]> {
  const wsUrl = url.replace(/^http/, 'ws') + '/graphql';
  const query = 'subscription { courseStockChanged { courseId remaining changedAt } }';
  const subscribers: Subscriber[] = [];
  for (let batch = 0; batch < SUBSCRIBERS; batch += 100) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(100, SUBSCRIBERS - batch) }, () => {
        const subscriber: Subscriber = {
          socket: new WebSocket(wsUrl, 'graphql-transport-ws'),
          last: new Map(),
          delays: [],
        };
        return new Promise<Subscriber>((resolve, reject) => {
          subscriber.socket.on('open', () =>
            subscriber.socket.send(JSON.stringify({ type: 'connection_init', payload: {} })),
          );
          subscriber.socket.on('error', reject);
          subscriber.socket.on('message', (data: Buffer) => {
            const message = JSON.parse(data.toString()) as {
              type: string;
              payload?: {
                data?: {
                  courseStockChanged?: { courseId: string; remaining: number; changedAt: string };
                };
              };
            };
            if (message.type === 'connection_ack') {
              subscriber.socket.send(
                JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }),
              );
              resolve(subscriber);
            } else if (message.type === 'next') {
              const stock = message.payload?.data?.courseStockChanged;
              if (!stock) return;
              subscriber.last.set(stock.courseId, stock.remaining);
              subscriber.delays.push(Date.now() - Date.parse(stock.changedAt));
            }
          });
        });
      }),
    );
    subscribers.push(...opened);
  }
  return subscribers;
}

async function waitForActiveSubscriptions(url: string, count: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const active = Number(/^graphql_subscriptions_active (\d+)/m.exec(text)?.[1] ?? 0);
    if (active >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('subscribers did not become active');
}

async function graphqlBurst(url: string, courseIds: string[], students: Scene['students']) {
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
async function rawSqlBurst(databaseUrl: string, courseIds: string[], students: Scene['students']) {
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
    const scene = await setUp(db, server.jwtSecret);
    const courseIds = await createCourses(db, scene.periodIds[0], 'GraphQL');
    const subscribers = await openSubscribers(server.url);
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
    const rawCourses = await createCourses(db, scene.periodIds[1], 'Raw SQL');
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
