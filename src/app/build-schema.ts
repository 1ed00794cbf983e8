import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { RequestContext } from './context.js';
import { authChecker } from '../auth/auth-checker.js';
import { RESOLVERS } from './resolvers.js';

let cached: Promise<GraphQLSchema> | undefined;

/**
 * Builds the one GraphQL schema from the resolver classes (memoised: it is the
 * same for every app instance in a process; per-app state reaches resolvers
 * only through the request context's container).
 */
export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    container: ({ context }: { context: RequestContext }) => context.container,
  });
  return cached;
}

/** The schema in SDL, sorted, as committed in `schema/schema.graphql`. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
