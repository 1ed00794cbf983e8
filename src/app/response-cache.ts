import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  Kind,
  OperationTypeNode,
  type FormattedExecutionResult,
  type GraphQLResolveInfo,
} from 'graphql';
import { Extensions } from 'type-graphql';
import type { RequestContext } from './context.js';

/** Field extension: a root query field whose result is the same for every anonymous caller. */
export const CACHEABLE_EXTENSION = 'anonymousCacheable';

/** Marks a root query field as cacheable for anonymous callers (see {@link ResponseCache}). */
export function Cacheable(): MethodDecorator & PropertyDecorator {
  return Extensions({ [CACHEABLE_EXTENSION]: true });
}

type PathKey = string | number;

/** A value in a cached response that must be re-read on every hit (seat counts, open windows). */
interface LiveValue {
  readonly path: readonly PathKey[];
  readonly read: () => unknown;
}

/** What a request being cached records while it executes; hangs off the request context. */
export interface ResponseRecorder {
  cacheable: boolean;
  readonly live: LiveValue[];
}

interface Entry {
  readonly expiresAt: number;
  readonly result: FormattedExecutionResult;
  readonly live: readonly LiveValue[];
}

const recorders = new WeakMap<RequestContext, ResponseRecorder>();

function pathOf(info: GraphQLResolveInfo): PathKey[] {
  const keys: PathKey[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev)
    keys.unshift(p.key);
  return keys;
}

/**
 * Records a value that must stay live in a cached response: its path in the
 * result and how to read its current value. No-op when the request is not
 * being cached.
 */
export function recordLive(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  read: () => unknown,
): void {
  recorders.get(ctx)?.live.push({ path: pathOf(info), read });
}

/** Marks the request as not cacheable (its result depends on something live, e.g. availableOnly). */
export function markUncacheable(ctx: RequestContext): void {
  const recorder = recorders.get(ctx);
  if (recorder) recorder.cacheable = false;
}

/**
 * Whole-response cache for anonymous catalogue queries (the rush's hottest
 * read): an operation whose root fields are all `@Cacheable()` is answered
 * from memory for `ttlMs`, with every recorded live value (seat counts)
 * re-read into the response on each hit, so only static data is ever stale.
 * `clear()` is called on every catalogue change.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
  ) {}

  clear(): void {
    this.entries.clear();
  }

  private static set(target: unknown, path: readonly PathKey[], value: unknown): void {
    let node = target as Record<PathKey, unknown> | undefined;
    for (let i = 0; i < path.length - 1 && node; i++)
      node = node[path[i]!] as Record<PathKey, unknown> | undefined;
    if (node) node[path[path.length - 1]!] = value;
  }

  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: ({ contextValue }) => {
        if (this.ttlMs <= 0 || contextValue.viewer) return Promise.resolve();
        let key: string | undefined;
        return Promise.resolve({
          responseForOperation: ({ operation, schema, queryHash, request, operationName }) => {
            const root = schema.getQueryType();
            const cacheable =
              operation.operation === OperationTypeNode.QUERY &&
              operation.selectionSet.selections.every(
                (s) =>
                  (s.kind === Kind.FIELD && s.name.value === '__typename') ||
                  (s.kind === Kind.FIELD &&
                    root?.getFields()[s.name.value]?.extensions[CACHEABLE_EXTENSION] === true),
              );
            if (!cacheable) return Promise.resolve(null);
            key = `${queryHash}|${operationName ?? ''}|${JSON.stringify(request.variables ?? {})}`;
            const entry = this.entries.get(key);
            if (entry && entry.expiresAt > Date.now()) {
              // Live values are global facts: patching the shared result in place is safe.
              for (const value of entry.live)
                ResponseCache.set(entry.result.data, value.path, value.read());
              const response: GraphQLResponse = {
                http: { status: undefined, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: entry.result },
              };
              key = undefined;
              return Promise.resolve(response);
            }
            recorders.set(contextValue, { cacheable: true, live: [] });
            return Promise.resolve(null);
          },
          willSendResponse: ({ response }) => {
            const recorder = recorders.get(contextValue);
            if (!key || !recorder?.cacheable || response.body.kind !== 'single')
              return Promise.resolve();
            const result = response.body.singleResult;
            if (result.errors?.length || !result.data) return Promise.resolve();
            if (this.entries.size >= this.maxEntries)
              this.entries.delete(this.entries.keys().next().value!);
            this.entries.set(key, {
              expiresAt: Date.now() + this.ttlMs,
              result,
              live: recorder.live.splice(0),
            });
            return Promise.resolve();
          },
        });
      },
    };
  }
}
