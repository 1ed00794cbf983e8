import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable, isExpectedError } from '../errors/index.js';
import type { RequestContext } from './context.js';
import type { AppMetrics } from './metrics.js';

const MAX_OPERATION_LABELS = 200;

/**
 * Counts operations by name and outcome, and logs every unexpected error with
 * the request id (clients only see INTERNAL_SERVER_ERROR).
 */
export function observabilityPlugin(metrics: AppMetrics): ApolloServerPlugin<RequestContext> {
  const seenNames = new Set<string>();
  const label = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (seenNames.has(name)) return name;
    if (seenNames.size >= MAX_OPERATION_LABELS) return 'other';
    seenNames.add(name);
    return name;
  };
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue, operationName, response }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            if (isDatabaseUnavailable(error)) {
              response.http.status = 503;
              contextValue.log.warn({ operationName }, 'database unavailable');
              continue;
            }
            const cause = error.originalError ?? error;
            contextValue.log.error(
              {
                err: { message: cause.message, stack: cause.stack, name: cause.name },
                path: error.path,
                operationName,
              },
              'unexpected error in GraphQL operation',
            );
          }
          return Promise.resolve();
        },
        willSendResponse({ operation, operationName, response, errors }) {
          const type = operation?.operation ?? 'invalid';
          const first =
            errors?.[0] ??
            (response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined);
          const code = first?.extensions?.code;
          const outcome = first
            ? typeof code === 'string'
              ? code
              : 'INTERNAL_SERVER_ERROR'
            : 'ok';
          metrics.graphqlOperations.inc({ operation: label(operationName), type, outcome });
          return Promise.resolve();
        },
      });
    },
  };
}
