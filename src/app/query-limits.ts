import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
// The CommonJS build: its ESM build imports `graphql/index.mjs`, a second copy
// of graphql beside the one everything else loads ("another module or realm").
import {
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
  type ComplexityEstimator,
} from 'graphql-query-complexity/cjs';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination.js';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { RequestContext } from './context.js';

export type QueryLimits = Pick<
  Config['limits'],
  'maxDepth' | 'maxComplexity' | 'maxAliases' | 'maxDirectives' | 'maxTokens'
>;

/** Counts saturate here, so a fragment bomb cannot overflow them. */
const SATURATED = 1e12;
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Shape {
  /** Nested field levels below this point (introspection not counted). */
  depth: number;
  aliases: number;
  directives: number;
  /** Fields after expanding every fragment spread. */
  fields: number;
}

const add = (a: number, b: number) => Math.min(a + b, SATURATED);

/**
 * Measures an operation with its fragments expanded, each fragment measured
 * once (memoised), so the cost of measuring stays linear in the document
 * while the counts reflect what execution would really do.
 */
function measure(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Shape {
  const memo = new Map<string, Shape>();
  const visiting = new Set<string>();

  const selectionSet = (set: SelectionSetNode | undefined): Shape => {
    const shape: Shape = { depth: 0, aliases: 0, directives: 0, fields: 0 };
    for (const selection of set?.selections ?? []) {
      shape.directives = add(shape.directives, selection.directives?.length ?? 0);
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOTS.has(selection.name.value)) {
          // The playground's introspection query is deep by nature; it is read-only and cheap.
          shape.fields = add(shape.fields, 1);
          continue;
        }
        inner = selectionSet(selection.selectionSet);
        shape.depth = Math.max(shape.depth, inner.depth + 1);
        shape.aliases = add(shape.aliases, selection.alias ? 1 : 0);
        shape.fields = add(shape.fields, 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionSet(selection.selectionSet);
        shape.depth = Math.max(shape.depth, inner.depth);
      } else {
        inner = fragment(selection.name.value);
        shape.depth = Math.max(shape.depth, inner.depth);
      }
      shape.aliases = add(shape.aliases, inner.aliases);
      shape.directives = add(shape.directives, inner.directives);
      shape.fields = add(shape.fields, inner.fields);
    }
    return shape;
  };

  const fragment = (name: string): Shape => {
    const known = memo.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || visiting.has(name))
      return { depth: 0, aliases: 0, directives: 0, fields: 0 };
    visiting.add(name);
    const shape = selectionSet(definition.selectionSet);
    shape.directives = add(shape.directives, definition.directives?.length ?? 0);
    visiting.delete(name);
    memo.set(name, shape);
    return shape;
  };

  const shape = selectionSet(operation.selectionSet);
  shape.directives = add(shape.directives, operation.directives?.length ?? 0);
  for (const variable of operation.variableDefinitions ?? [])
    shape.directives = add(shape.directives, variable.directives?.length ?? 0);
  return shape;
}

/** A Relay connection costs `first` (default 20, at most 100) times its selection. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (!isObjectType(type) || !type.name.endsWith('Connection') || !('first' in args)) return;
  const raw: unknown = args.first;
  const first =
    typeof raw === 'number' && Number.isFinite(raw)
      ? Math.min(Math.max(Math.trunc(raw), 0), MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
  return 1 + first * childComplexity;
};

const ESTIMATORS: ComplexityEstimator[] = [
  fieldExtensionsEstimator(),
  connectionEstimator,
  simpleEstimator({ defaultComplexity: 1 }),
];

/**
 * Checks one operation of a parsed, validated document against the limits:
 * depth, aliases, directives and complexity. Returns the QUERY_TOO_COMPLEX
 * error to answer with, or undefined. (Tokens are limited by the parser.)
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): AppError | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return undefined; // execution reports the unknown operation
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const shape = measure(operation, fragments);
  if (shape.depth > limits.maxDepth)
    return AppError.queryTooComplex(
      `Query is ${shape.depth} levels deep; at most ${limits.maxDepth} are allowed`,
      { limit: 'depth', max: limits.maxDepth, actual: shape.depth },
    );
  if (shape.aliases > limits.maxAliases)
    return AppError.queryTooComplex(
      `Query uses ${shape.aliases} aliases; at most ${limits.maxAliases} are allowed`,
      { limit: 'aliases', max: limits.maxAliases, actual: shape.aliases },
    );
  if (shape.directives > limits.maxDirectives)
    return AppError.queryTooComplex(
      `Query uses ${shape.directives} directives; at most ${limits.maxDirectives} are allowed`,
      { limit: 'directives', max: limits.maxDirectives, actual: shape.directives },
    );
  // Every field costs at least 1, so this bounds the complexity walk below.
  let complexity = shape.fields;
  if (complexity <= limits.maxComplexity) {
    try {
      complexity = getComplexity({
        schema,
        query: document,
        operationName: operation.name?.value,
        variables,
        estimators: ESTIMATORS,
        maxQueryNodes: 4 * limits.maxComplexity + 1_000,
      });
    } catch (err) {
      if (/number of nodes/i.test((err as Error).message)) complexity = SATURATED;
      // Otherwise invalid variables: execution refuses them with the precise message.
      else return undefined;
    }
  }
  if (complexity > limits.maxComplexity)
    return AppError.queryTooComplex(
      `Query costs ${complexity}; at most ${limits.maxComplexity} is allowed`,
      { limit: 'complexity', max: limits.maxComplexity, actual: complexity },
    );
  return undefined;
}

/** Refuses over-limit operations after validation, before anything executes. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ schema, document, operationName, request }) {
          const error = checkQueryLimits(
            schema,
            document,
            operationName,
            request.variables,
            limits,
          );
          if (error) throw error;
          return Promise.resolve();
        },
      }),
  };
}
