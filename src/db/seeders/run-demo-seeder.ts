import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../infra/index.js';
import { DemoSeeder } from './DemoSeeder.js';

/** Loads the demo data (terms, courses, products, demo users). */
export async function runDemoSeeder(orm: MikroORM, _config: Config, log: Logger): Promise<void> {
  await orm.seeder.seed(DemoSeeder);
  log.info('demo data loaded');
}
