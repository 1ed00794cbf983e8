import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { AppError } from '../errors/index.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The shape every Relay connection of this API returns. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` object types for a node type.
 * Connections cost `first` times their children in the complexity budget.
 */
export function Connection<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}

/** Checks `first`: 20 when omitted, 0…100 otherwise (BAD_USER_INPUT beyond). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw AppError.badInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** An opaque keyset cursor: the sort key values of the last row, tagged with the ordering. */
export function encodeCursor(ordering: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([ordering, ...values])).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor} for this ordering; BAD_USER_INPUT for anything else. */
export function decodeCursor(
  cursor: string | null | undefined,
  ordering: string,
  arity: number,
  valid: (values: (string | number)[]) => boolean = () => true,
): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed[0] === ordering &&
      parsed.length === arity + 1 &&
      parsed
        .slice(1)
        .every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) &&
      valid(parsed.slice(1) as (string | number)[])
    ) {
      return parsed.slice(1) as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw AppError.badInput('after', 'Not a cursor of this list');
}

/** Builds a connection from up to `first + 1` rows fetched in order. */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => string,
  totalCount: number,
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Escapes `%`, `_` and `\` so user text matches literally inside ILIKE '%…%'. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
