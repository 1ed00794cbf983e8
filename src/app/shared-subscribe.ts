import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';

/**
 * Field extension for subscriptions whose result depends only on the event
 * (not on the viewer or the context): one event can then be executed once per
 * distinct operation and the result shared by every subscriber.
 */
export const SHARED_RESULT_EXTENSION = 'sharedResult';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Per event object: the result of each distinct operation (freed with the event). */
const executed = new WeakMap<object, Map<string, Result>>();

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Maps an async iterator without an async generator, so `return()` reaches the source at once. */
function mapIterator<T, R>(
  source: AsyncIterator<T>,
  map: (value: T) => R | Promise<R>,
): AsyncIterableIterator<R> {
  return {
    async next() {
      const result = await source.next();
      return result.done
        ? { value: undefined, done: true }
        : { value: await map(result.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error instanceof Error ? error : new Error('subscription aborted');
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-js `subscribe`, except that a subscription to a single field marked
 * with {@link SHARED_RESULT_EXTENSION} executes each event once per distinct
 * operation (query, operation name, variables) for all its subscribers. Events
 * published in-process or through Redis reach every subscriber as the same
 * object, which is the cache key.
 */
export async function sharedSubscribe(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const operation = getOperationAST(args.document, args.operationName);
  const selections = operation?.selectionSet.selections ?? [];
  const only =
    selections.length === 1 && selections[0]!.kind === Kind.FIELD ? selections[0] : undefined;
  const field = only ? args.schema.getSubscriptionType()?.getFields()[only.name.value] : undefined;
  if (!field?.extensions[SHARED_RESULT_EXTENSION]) {
    return (await subscribe(args)) as AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  }
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const key = `${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${print(args.document)}`;
  return mapIterator(source[Symbol.asyncIterator](), (event) => {
    if (typeof event !== 'object' || event === null) return execute({ ...args, rootValue: event });
    let byOperation = executed.get(event);
    if (!byOperation) executed.set(event, (byOperation = new Map<string, Result>()));
    let result = byOperation.get(key);
    if (!result) {
      result = execute({ ...args, rootValue: event });
      byOperation.set(key, result);
    }
    return result;
  });
}
