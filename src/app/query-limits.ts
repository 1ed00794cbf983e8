import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  visit,
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
import { AppError, ErrorCode } from '../errors/index.js';
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

/** True when a (nested) variable value holds a string with U+0000. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

const NUL_REFUSED = () =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    'Text must not contain the NUL character (U+0000)',
    { field: 'input' },
    { status: 400 },
  );

/** What a document's text alone decides; computed once per parsed document. */
interface DocumentFacts {
  /** A string literal holds U+0000. */
  readonly literalNul: boolean;
  /** Variables change the cost (a variable `first`, or `@include`/`@skip` on a variable). */
  readonly costDependsOnVariables: boolean;
  /** Per operation name: the shape verdict, and the cost once known. */
  readonly operations: Map<string, { error?: AppError; complexity?: number }>;
}

function documentFacts(document: DocumentNode): Omit<DocumentFacts, 'operations'> {
  let literalNul = false;
  let costDependsOnVariables = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) literalNul = true;
    },
    Field(node) {
      if (node.arguments?.some((a) => a.name.value === 'first' && a.value.kind === Kind.VARIABLE))
        costDependsOnVariables = true;
    },
    Directive(node) {
      if (
        (node.name.value === 'include' || node.name.value === 'skip') &&
        node.arguments?.some((a) => a.value.kind === Kind.VARIABLE)
      )
        costDependsOnVariables = true;
    },
  });
  return { literalNul, costDependsOnVariables };
}

/**
 * The checks every operation passes before it executes, over HTTP and
 * WebSocket alike: no NUL characters in text (PostgreSQL cannot store them),
 * and the depth, alias, directive and complexity limits (tokens are limited
 * by the parser). Parsed documents are reused by Apollo's document cache, so
 * what the text alone decides is computed once per document.
 */
export class QueryGuard {
  private readonly facts = new WeakMap<DocumentNode, DocumentFacts>();

  constructor(private readonly limits: QueryLimits) {}

  /** The error to answer with (QUERY_TOO_COMPLEX or BAD_USER_INPUT), or undefined. */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): AppError | undefined {
    let facts = this.facts.get(document);
    if (!facts) {
      facts = { ...documentFacts(document), operations: new Map() };
      this.facts.set(document, facts);
    }
    if (facts.literalNul || hasNul(variables)) return NUL_REFUSED();

    const key = operationName ?? '';
    let verdict = facts.operations.get(key);
    if (!verdict) {
      const operation = findOperation(document, operationName);
      if (!operation) return undefined; // execution reports the unknown operation
      verdict = this.shapeVerdict(document, operation);
      facts.operations.set(key, verdict);
    }
    if (verdict.error) return verdict.error;
    let complexity = verdict.complexity;
    if (complexity === undefined) {
      complexity = this.complexity(schema, document, operationName, variables ?? undefined);
      if (complexity === undefined) return undefined; // bad variables: execution says which
      if (!facts.costDependsOnVariables) verdict.complexity = complexity;
    }
    if (complexity > this.limits.maxComplexity)
      return AppError.queryTooComplex(
        `Query costs ${complexity}; at most ${this.limits.maxComplexity} is allowed`,
        { limit: 'complexity', max: this.limits.maxComplexity, actual: complexity },
      );
    return undefined;
  }

  private shapeVerdict(
    document: DocumentNode,
    operation: OperationDefinitionNode,
  ): { error?: AppError; complexity?: number } {
    const { limits } = this;
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const shape = measure(operation, fragments);
    const refuse = (limit: string, max: number, actual: number, what: string) => ({
      error: AppError.queryTooComplex(`Query ${what}; at most ${max} allowed`, {
        limit,
        max,
        actual,
      }),
    });
    if (shape.depth > limits.maxDepth)
      return refuse('depth', limits.maxDepth, shape.depth, `is ${shape.depth} levels deep`);
    if (shape.aliases > limits.maxAliases)
      return refuse('aliases', limits.maxAliases, shape.aliases, `uses ${shape.aliases} aliases`);
    if (shape.directives > limits.maxDirectives)
      return refuse(
        'directives',
        limits.maxDirectives,
        shape.directives,
        `uses ${shape.directives} directives`,
      );
    // Every field costs at least 1: past the budget here, no need to walk the cost.
    return shape.fields > limits.maxComplexity ? { complexity: shape.fields } : {};
  }

  private complexity(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ): number | undefined {
    try {
      return getComplexity({
        schema,
        query: document,
        operationName: operationName ?? undefined,
        variables,
        estimators: ESTIMATORS,
        maxQueryNodes: 4 * this.limits.maxComplexity + 1_000,
      });
    } catch (err) {
      if (/number of nodes/i.test((err as Error).message)) return SATURATED;
      return undefined;
    }
  }

  /** The Apollo plugin: refuses before execution, with the error's HTTP status (400). */
  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: () =>
        Promise.resolve({
          didResolveOperation: ({ schema, document, operationName, request }) => {
            const error = this.check(schema, document, operationName, request.variables);
            return error ? Promise.reject(error) : Promise.resolve();
          },
        }),
    };
  }
}

function findOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}
