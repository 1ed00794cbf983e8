import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { AccountsSeeder } from './AccountsSeeder.js';
import { CoursesSeeder } from './CoursesSeeder.js';
import { ShopSeeder } from './ShopSeeder.js';
import { TodosSeeder } from './TodosSeeder.js';

/**
 * Demo data for the playground: each domain adds its own seeder to the list.
 * Seeders are idempotent (they skip what already exists) so `npm run seed:demo`
 * can run on a database that already has data.
 */
export class DemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    await this.call(em, [AccountsSeeder, TodosSeeder, CoursesSeeder, ShopSeeder]);
  }
}
