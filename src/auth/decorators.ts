import { Extensions } from 'type-graphql';

/** Field extension key that marks a root field as intentionally public. */
export const ACCESS_EXTENSION = 'access';

/**
 * Marks a root field as reachable without signing in. Every root field must
 * carry either this or `@Authorized(...)`; a test walks the schema to enforce it.
 */
export function Public(): MethodDecorator & PropertyDecorator {
  return Extensions({ [ACCESS_EXTENSION]: 'public' });
}
