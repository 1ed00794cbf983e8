import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { User } from '../../modules/accounts/user.entity.js';
import { Todo } from '../../modules/todos/todo.entity.js';

const DEMO_TODOS = [
  { title: '选课：查看本期课程', done: true },
  { title: 'Buy groceries', done: false },
  { title: '完成小程序登录流程', done: false },
  { title: 'Read the GraphQL schema docs in the playground', done: false },
];

export class TodosSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const demo = await em.findOne(User, { username: 'demo' });
    if (!demo || (await em.count(Todo, { owner: demo })) > 0) return;
    DEMO_TODOS.forEach((todo, position) =>
      em.create(Todo, { owner: demo, title: todo.title, done: todo.done, position }),
    );
    await em.flush();
  }
}
