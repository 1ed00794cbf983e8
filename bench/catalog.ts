// Catalogue benchmark: `npm run bench:catalog`.
// courses(first: 50) with type, period, term and remaining, at 50 connections
// for 10 s (BENCH_DURATION, BENCH_CONNECTIONS). Last line: one JSON object.
import pg from 'pg';
import { benchServer, graphqlPoster, num, quantile, round } from './lib.js';

const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const DURATION_MS = num('BENCH_DURATION', 10) * 1000;
const COURSES = num('BENCH_COURSES', 200);

const QUERY = JSON.stringify({
  query: `query Catalog { courses(first: 50) { totalCount edges { node { id title teacher location remaining capacity weekday startTime endTime
    type { id name } period { id index } term { id index } } } } }`,
});

async function main() {
  const server = await benchServer();
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const term = await db.query<{ id: string }>(
      `insert into term (index, starts_on, ends_on, selection_starts_at, selection_ends_at)
       values ((select coalesce(max(index), 0) + 1 from term), current_date, current_date + 120, now(), now() + interval '1 day') returning id`,
    );
    const periods = await db.query<{ id: string }>(
      `insert into period (term_id, index, starts_on, ends_on) select $1, g, current_date, current_date + 30 from generate_series(1, 3) g returning id`,
      [term.rows[0]!.id],
    );
    await db.query(
      `insert into course_type (name) select 'type ' || g || ' ' || $1 from generate_series(1, 5) g`,
      [Date.now()],
    );
    await db.query(
      `insert into course (title, teacher, location, capacity, remaining, weekday, starts_at, ends_at, type_id, period_id)
       select '课程 ' || g, '老师 ' || (g % 17), '教学楼 ' || (g % 23), 30, 30 - (g % 30), 1 + (g % 7),
              make_time(8 + (g % 10), 0, 0), make_time(9 + (g % 10), 30, 0),
              (select id from course_type order by id desc limit 1 offset (g % 5)), ($1::bigint[])[1 + (g % 3)]
       from generate_series(1, $2) g`,
      [periods.rows.map((p) => p.id), COURSES],
    );

    const poster = graphqlPoster(server.url, CONNECTIONS);
    const warmUntil = Date.now() + 2_000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < warmUntil) await poster.post(QUERY);
      }),
    );
    const latencies: number[] = [];
    let errors = 0;
    const cpuBefore = server.cpuMs();
    const started = performance.now();
    const stopAt = started + DURATION_MS;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < stopAt) {
          const response = await poster.post(QUERY);
          latencies.push(response.ms);
          if (response.status !== 200 || response.text.includes('"errors"')) errors++;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const serverCpu = (server.cpuMs() ?? NaN) - (cpuBefore ?? NaN);
    poster.close();
    latencies.sort((a, b) => a - b);
    const result = {
      reqPerSec: Math.round(latencies.length / (elapsed / 1000)),
      p50Ms: round(quantile(latencies, 0.5)),
      p99Ms: round(quantile(latencies, 0.99)),
      requests: latencies.length,
      errors,
      serverCpuMsPerRequest: round(serverCpu / latencies.length, 3),
    };
    process.stdout.write(
      `${result.requests} requests in ${Math.round(elapsed)} ms at ${CONNECTIONS} connections: ${result.reqPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${errors} errors\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.end();
    await server.stop();
  }
}

await main();
