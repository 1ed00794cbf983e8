import { existsSync, readFileSync } from 'node:fs';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../src/app/build-schema.js';

/**
 * Contract paths not implemented yet, each owned by an open issue. The list
 * only shrinks: the test fails when an entry is no longer needed.
 */
const PENDING: readonly string[] = [];

describe('schema pipeline', () => {
  it('the committed schema/schema.graphql is what the code emits (run `npm run schema:emit`)', async () => {
    const emitted = printAppSchema(await buildAppSchema());
    const committed = readFileSync('schema/schema.graphql', 'utf8');
    expect(committed).toBe(emitted);
  });

  it.skipIf(!existsSync('../shared/contract.graphql'))(
    'schema/contract.graphql is the shared contract, unchanged',
    () => {
      expect(readFileSync('schema/contract.graphql', 'utf8')).toBe(
        readFileSync('../shared/contract.graphql', 'utf8'),
      );
    },
  );

  it('has no breaking or dangerous difference from the contract beyond the pending list', async () => {
    const contract = buildSchema(readFileSync('schema/contract.graphql', 'utf8'));
    const changes = await diff(contract, await buildAppSchema());
    const problems = changes.filter((c) => c.criticality.level !== CriticalityLevel.NonBreaking);
    const key = (c: (typeof problems)[number]) => c.path ?? c.message;
    const unexpected = problems.filter((c) => !PENDING.includes(key(c)));
    expect(unexpected.map((c) => `${key(c)}: ${c.message}`)).toEqual([]);
    const stale = PENDING.filter((p) => !problems.some((c) => key(c) === p));
    expect(stale, 'implemented: remove these from PENDING').toEqual([]);
  });
});
