// Configuration for the MikroORM CLI (`npx mikro-orm …`). It needs DATABASE_URL;
// the npm scripts (`npm run migrate`, `migration:create`, `seed:demo`) also work
// with the embedded database and are the recommended way in.
import { loadConfig } from './src/config/index.js';
import { ormOptions } from './src/db/orm-options.js';

const config = loadConfig();
if (!config.database.url) {
  throw new Error(
    'mikro-orm CLI: set DATABASE_URL, or use `npm run migrate` / `npm run migration:create`',
  );
}

export default ormOptions({ url: config.database.url, readUrls: config.database.readUrls });
