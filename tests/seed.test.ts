import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDemoSeeder } from '../src/db/seeders/run-demo-seeder.js';
import { Todo } from '../src/modules/todos/index.js';
import { User } from '../src/modules/accounts/index.js';
import { Login } from './documents/accounts.js';
import { Todos } from './documents/todos.js';
import { Courses, Enroll, Terms } from './documents/courses.js';
import { Categories, Products } from './documents/shop.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it('loads the demo data, and running it again changes nothing', async () => {
  await runDemoSeeder(t.app.orm, t.config, t.app.log);
  const em = t.app.orm.em.fork();
  const counts = async () => [await em.count(User), await em.count(Todo)];
  const first = await counts();
  await runDemoSeeder(t.app.orm, t.config, t.app.log);
  expect(await counts()).toEqual(first);

  const demo = t.client.as(
    (await t.client.ok(Login, { username: 'demo', password: 'demo-password' })).login.accessToken,
  );
  expect((await demo.ok(Todos)).todos.length).toBeGreaterThan(2);
  const admin = await t.client.ok(Login, {
    username: 'demo-admin',
    password: 'demo-admin-password',
  });
  expect(admin.login.user.role).toBe('ADMIN');

  const courses = await t.client.ok(Courses, { first: 1 });
  expect(courses.courses.totalCount).toBeGreaterThanOrEqual(50);
  const { terms } = await t.client.ok(Terms);
  const termOne = terms.find((term) => term.index === 1);
  expect(termOne).toMatchObject({ isSelectionOpen: true });
  expect(termOne?.periods).toHaveLength(3);
  const student = t.client.as(
    (await t.client.ok(Login, { username: '2026001', password: 'student-password' })).login
      .accessToken,
  );
  const course = courses.courses.edges[0]!.node;
  expect((await student.ok(Enroll, { courseId: course.id })).enroll.course.id).toBe(course.id);

  const { categories } = await t.client.ok(Categories);
  expect(categories.length).toBeGreaterThanOrEqual(3);
  expect(categories[0]!.children[0]!.children[0]!.level).toBe(3);
  const products = await t.client.ok(Products, { filter: { search: '茶' }, first: 100 });
  expect(products.products.totalCount).toBeGreaterThan(3);
  const all = await t.client.ok(Products, { first: 1 });
  expect(all.products.totalCount).toBeGreaterThanOrEqual(50);
});
