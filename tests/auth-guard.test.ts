import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { buildSchema, getMetadataStorage, Query, Resolver } from 'type-graphql';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
import type { GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../src/app/build-schema.js';
import { ACCESS_EXTENSION, Public } from '../src/auth/decorators.js';

/**
 * Root fields with neither `@Authorized(...)` nor `@Public()`: secure by
 * default means this list must stay empty.
 */
function unguardedRootFields(schema: GraphQLSchema, storage: MetadataStorage): string[] {
  const roots = [
    ['Query', schema.getQueryType(), storage.queries],
    ['Mutation', schema.getMutationType(), storage.mutations],
    ['Subscription', schema.getSubscriptionType(), storage.subscriptions],
  ] as const;
  const missing: string[] = [];
  for (const [rootName, type, resolvers] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.[ACCESS_EXTENSION] === 'public') continue;
      const resolver = resolvers.find((r) => r.schemaName === field.name);
      const authorized =
        resolver &&
        storage.authorizedFields.some(
          (a) => a.target === resolver.target && a.fieldName === resolver.methodName,
        );
      if (!authorized) missing.push(`${rootName}.${field.name}`);
    }
  }
  return missing;
}

describe('secure by default', () => {
  it('every root field of the schema is @Authorized or @Public', async () => {
    const schema = await buildAppSchema();
    expect(unguardedRootFields(schema, getMetadataStorage())).toEqual([]);
  });

  it('the walk catches a field that lost its decorator', async () => {
    @Resolver()
    class Careless {
      @Query(() => String)
      forgotten(): string {
        return 'oops';
      }

      @Public()
      @Query(() => String)
      open(): string {
        return 'fine';
      }
    }
    const schema = await buildSchema({ resolvers: [Careless], authChecker: () => true });
    expect(unguardedRootFields(schema, getMetadataStorage())).toEqual(['Query.forgotten']);
  });
});
