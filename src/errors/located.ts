import {
  GraphQLError,
  responsePathAsArray,
  type FieldNode,
  type GraphQLResolveInfo,
} from 'graphql';
import { AppError } from './app-error.js';

/** Per field node of a parsed document: per response path, per shared refusal, its located error. */
const located = new WeakMap<FieldNode, Map<string, Map<AppError, GraphQLError>>>();

/**
 * A shared refusal (a frozen {@link AppError}) located at the field being
 * resolved, exactly as graphql-js's `locatedError` would locate it, but built
 * once per field of a parsed document and response path rather than once per
 * request: Apollo keeps parsed documents, so the field nodes of a repeated
 * operation are the same objects, and graphql-js passes an error that already
 * has a path through unchanged. A GraphQLError costs about 8 µs to build
 * (locations are computed from the source text); during a seat rush thousands
 * of requests end in COURSE_FULL. Any other error is returned as it is.
 */
export function locateSharedRefusal(error: unknown, info: GraphQLResolveInfo): unknown {
  if (!(error instanceof AppError) || !Object.isFrozen(error) || info.fieldNodes.length !== 1)
    return error;
  const node = info.fieldNodes[0]!;
  const path = responsePathAsArray(info.path);
  const pathKey = path.join('.');
  let byPath = located.get(node);
  if (!byPath) located.set(node, (byPath = new Map<string, Map<AppError, GraphQLError>>()));
  let byError = byPath.get(pathKey);
  if (!byError) byPath.set(pathKey, (byError = new Map<AppError, GraphQLError>()));
  let result = byError.get(error);
  if (!result) {
    result = Object.freeze(
      new GraphQLError(error.message, { nodes: info.fieldNodes, path, originalError: error }),
    );
    byError.set(error, result);
  }
  return result;
}
