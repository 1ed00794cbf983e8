import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/modules/accounts/index.js';
import { CreateCourse, Enroll } from '../documents/courses.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCourse, createSelectionScene, createStudent } from '../factories/courses.js';
import { signedInUser } from '../factories/users.js';

let t: TestApp;
let statements = 0;
beforeAll(async () => {
  t = await startTestApp({ onQuery: () => void statements++, env: { CATALOG_CACHE_TTL: '30s' } });
});
afterAll(() => t?.close());

const LISTING = `query Listing($termId: ID!) {
  courses(filter: { termId: $termId }, first: 50) {
    totalCount
    edges { node { id title remaining seatsLeft: remaining capacity viewerEnrolled type { name } term { index isSelectionOpen } } }
  }
}`;

interface Listing {
  courses: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        title: string;
        remaining: number;
        seatsLeft: number;
        capacity: number;
        viewerEnrolled: boolean;
      };
    }[];
  };
}

describe('catalogue cache (anonymous responses, live seats)', () => {
  it('serves a repeated anonymous listing from memory without SQL, seat counts live (aliases too)', async () => {
    const { term, period } = await createSelectionScene(t.app);
    const course = await createCourse(t.app, period, { capacity: 5, title: 'Cached' });
    const first = await t.client.ok<Listing>(LISTING, { termId: term.id });
    expect(first.courses.edges[0]!.node).toMatchObject({ remaining: 5, seatsLeft: 5 });

    const before = statements;
    const again = await t.client.ok<Listing>(LISTING, { termId: term.id });
    expect(statements - before).toBe(0);
    expect(again).toEqual(first);

    const student = await createStudent(t.app, term);
    await t.client.as(student.token).ok(Enroll, { courseId: course.id });
    await expect
      .poll(
        async () =>
          (await t.client.ok<Listing>(LISTING, { termId: term.id })).courses.edges[0]!.node,
        { timeout: 3_000 },
      )
      .toMatchObject({ remaining: 4, seatsLeft: 4, capacity: 5 });
  });

  it('shows admin changes at once and never caches availableOnly or signed-in viewers', async () => {
    const { term, period, type } = await createSelectionScene(t.app);
    const tiny = await createCourse(t.app, period, { capacity: 1, title: 'Tiny', type });
    await t.client.ok<Listing>(LISTING, { termId: term.id });
    const admin = t.client.as((await signedInUser(t.app, { role: Role.ADMIN })).token);
    await admin.ok(CreateCourse, {
      input: {
        title: 'Added',
        teacher: 'T',
        location: 'L',
        capacity: 3,
        weekday: 6,
        startTime: '10:00',
        endTime: '11:00',
        typeId: type.id,
        periodId: period.id,
      },
    });
    const titles = (await t.client.ok<Listing>(LISTING, { termId: term.id })).courses.edges.map(
      (e) => e.node.title,
    );
    expect(titles).toEqual(['Tiny', 'Added']);

    const available = `query A($termId: ID!) { courses(filter: { termId: $termId, availableOnly: true }) { edges { node { title } } } }`;
    expect(
      (await t.client.ok<{ courses: { edges: unknown[] } }>(available, { termId: term.id })).courses
        .edges,
    ).toHaveLength(2);
    const student = await createStudent(t.app, term);
    await t.client.as(student.token).ok(Enroll, { courseId: tiny.id });
    expect(
      (
        await t.client.ok<{ courses: { edges: { node: { title: string } }[] } }>(available, {
          termId: term.id,
        })
      ).courses.edges.map((e) => e.node.title),
    ).toEqual(['Added']);

    const mine = await t.client.as(student.token).ok<Listing>(LISTING, { termId: term.id });
    expect(mine.courses.edges.find((e) => e.node.title === 'Tiny')?.node.viewerEnrolled).toBe(true);
    const anonymous = await t.client.ok<Listing>(LISTING, { termId: term.id });
    expect(anonymous.courses.edges.every((e) => !e.node.viewerEnrolled)).toBe(true);
  });
});
