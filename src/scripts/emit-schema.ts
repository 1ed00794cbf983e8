// Writes schema/schema.graphql (sorted) from the resolver classes.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../app/build-schema.js';
import { projectRoot } from '../app/playground.js';

const target = path.join(projectRoot(), 'schema/schema.graphql');
writeFileSync(target, printAppSchema(await buildAppSchema()));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
