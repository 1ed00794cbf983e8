// Subscription fan-out benchmark: `npm run bench:fanout`.
// One server instance; first 50 courseStockChanged subscribers (the baseline),
// then 5,000. Each phase: one student enrols in and drops one course, EVENTS
// times, and every subscriber records how long each seat count took to reach
// it (receive time minus the event's commit time). Reports server memory per
// connection and the delivery delay. Last line: one JSON object.
import pg from 'pg';
import {
  benchServer,
  createCourses,
  createSelectionScene,
  env,
  graphqlPoster,
  num,
  openStockSubscribers,
  quantile,
  round,
  waitForActiveSubscriptions,
  type StockSubscriber,
} from './lib.js';

const SUBSCRIBERS = num('BENCH_SUBSCRIBERS', 5_000);
const BASELINE = num('BENCH_BASELINE_SUBSCRIBERS', 50);
const EVENTS = num('BENCH_EVENTS', 20);
const GAP_MS = num('BENCH_EVENT_GAP_MS', 300);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Phase {
  subscribers: number;
  deliveries: number;
  missing: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function phase(
  subscribers: StockSubscriber[],
  fire: (i: number) => Promise<void>,
): Promise<Phase> {
  for (const s of subscribers) s.delays.length = 0;
  for (let i = 0; i < EVENTS; i++) {
    await fire(i);
    await sleep(GAP_MS);
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && subscribers.some((s) => s.delays.length < EVENTS))
    await sleep(50);
  const delays = subscribers.flatMap((s) => s.delays).sort((a, b) => a - b);
  return {
    subscribers: subscribers.length,
    deliveries: delays.length,
    missing: subscribers.length * EVENTS - delays.length,
    p50Ms: round(quantile(delays, 0.5)),
    p99Ms: round(quantile(delays, 0.99)),
    maxMs: round(delays.at(-1) ?? 0),
  };
}

async function main() {
  const server = await benchServer({ STOCK_PUSH_INTERVAL: env('STOCK_PUSH_INTERVAL', '0') });
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  const subscribers: StockSubscriber[] = [];
  try {
    const scene = await createSelectionScene(db, server.jwtSecret, 1);
    const [courseId] = await createCourses(db, scene.periodIds[0], 'Fan-out', 1, 10);
    const student = scene.students[0]!;
    const poster = graphqlPoster(server.url, 1);
    const fire = async (i: number) => {
      const query =
        i % 2 === 0
          ? 'mutation($id: ID!) { enroll(courseId: $id) { id } }'
          : 'mutation($id: ID!) { dropCourse(courseId: $id) { remaining } }';
      const response = await poster.post(
        JSON.stringify({ query, variables: { id: courseId } }),
        student.token,
      );
      if (response.text.includes('"errors"')) throw new Error(response.text);
    };
    // Warm the server (JIT, pools) before measuring anything.
    for (let i = 0; i < 20; i++) await fire(i);
    await sleep(1_000);
    const rssBefore = server.rssBytes();

    subscribers.push(...(await openStockSubscribers(server.url, BASELINE, [courseId!])));
    await waitForActiveSubscriptions(server.url, BASELINE);
    process.stdout.write(`baseline: ${BASELINE} subscribers, ${EVENTS} events…\n`);
    const baseline = await phase(subscribers, fire);

    const opening = performance.now();
    subscribers.push(
      ...(await openStockSubscribers(server.url, SUBSCRIBERS - BASELINE, [courseId!])),
    );
    await waitForActiveSubscriptions(server.url, SUBSCRIBERS);
    const openMs = performance.now() - opening;
    await sleep(2_000);
    const rssAfter = server.rssBytes();
    process.stdout.write(
      `${SUBSCRIBERS} subscribers open (${Math.round(openMs)} ms); ${EVENTS} events…\n`,
    );
    const cpuBefore = server.cpuMs();
    const full = await phase(subscribers, fire);
    const serverCpu = (server.cpuMs() ?? NaN) - (cpuBefore ?? NaN);
    poster.close();

    const perConnection =
      rssBefore !== undefined && rssAfter !== undefined
        ? (rssAfter - rssBefore) / SUBSCRIBERS
        : undefined;
    const result = {
      subscribers: SUBSCRIBERS,
      events: EVENTS,
      stockPushIntervalMs: Number(env('STOCK_PUSH_INTERVAL', '0')),
      openMs: Math.round(openMs),
      rssBeforeMiB: rssBefore === undefined ? null : round(rssBefore / 2 ** 20),
      rssAfterMiB: rssAfter === undefined ? null : round(rssAfter / 2 ** 20),
      kibPerConnection: perConnection === undefined ? null : round(perConnection / 1024),
      baseline,
      full,
      p99VersusBaseline: round(full.p99Ms / Math.max(baseline.p99Ms, 0.1), 1),
      serverCpuMsPerEvent: Math.round(serverCpu / EVENTS),
    };
    process.stdout.write(
      [
        `memory: ${result.rssBeforeMiB} → ${result.rssAfterMiB} MiB, ${result.kibPerConnection} KiB per connection`,
        `baseline (${BASELINE}): p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms, missing ${baseline.missing}`,
        `${SUBSCRIBERS}: p50 ${full.p50Ms} ms, p99 ${full.p99Ms} ms, max ${full.maxMs} ms, missing ${full.missing} of ${SUBSCRIBERS * EVENTS}`,
        `p99 ${result.p99VersusBaseline}× the baseline; server CPU ${result.serverCpuMsPerEvent} ms per event`,
        JSON.stringify(result),
      ].join('\n') + '\n',
    );
  } finally {
    for (const s of subscribers) s.socket.terminate();
    await db.end();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
