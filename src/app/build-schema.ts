import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker.js';
import { InProcessPubSub, toTypeGraphqlPubSub, type PubSub } from '../infra/pubsub.js';
import type { RequestContext } from './context.js';
import { RESOLVERS } from './resolvers.js';

/**
 * Builds the GraphQL schema from the resolver classes for one app instance:
 * type-graphql captures the PubSub at build time, and resolvers reach the
 * app's services through the request context's container.
 */
export function buildAppSchema(pubsub: PubSub = new InProcessPubSub()): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    pubSub: toTypeGraphqlPubSub(pubsub),
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    container: ({ context }: { context: RequestContext }) => context.container,
  });
}

/** The schema in SDL, sorted, as committed in `schema/schema.graphql`. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
