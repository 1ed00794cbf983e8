import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Router, type Response } from 'express';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Finds the project root (the folder with package.json) from this file, in src/ or dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + import.meta.url);
    dir = parent;
  }
  return dir;
}

/** Self-hosted assets: nothing is fetched from a CDN, so the playground works offline. */
const ASSETS: Record<string, () => string> = {
  'graphiql.min.css': () => path.join(packageDir('graphiql'), 'graphiql.min.css'),
  'graphiql.min.js': () => path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'react.production.min.js': () => path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': () =>
    path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphql-ws.min.js': () => path.join(packageDir('graphql-ws'), 'umd/graphql-ws.min.js'),
  'playground.js': () => path.join(projectRoot(), 'public/playground/playground.js'),
  'playground.css': () => path.join(projectRoot(), 'public/playground/playground.css'),
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Campus GraphQL playground</title>
<link rel="stylesheet" href="/playground/graphiql.min.css">
<link rel="stylesheet" href="/playground/playground.css">
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script src="/playground/graphql-ws.min.js"></script>
<script src="/playground/playground.js"></script>
</body>
</html>
`;

/** GET / (the GraphiQL page) and GET /playground/* (its assets, served from node_modules). */
export function playgroundRouter(): Router {
  const router = Router();
  const resolved = new Map(Object.entries(ASSETS).map(([name, find]) => [name, find()]));
  router.get('/', (_req, res: Response) => {
    res.type('html').set('cache-control', 'no-cache').send(PAGE);
  });
  router.get('/favicon.ico', (_req, res: Response) => {
    res.status(204).set('cache-control', 'max-age=86400').end();
  });
  router.get('/playground/:file', (req, res, next) => {
    const file = resolved.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h' });
  });
  return router;
}
