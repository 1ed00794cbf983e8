const MAX_BIGINT = 9223372036854775807n;

/**
 * Parses a GraphQL `ID` into a database key. Returns `undefined` for anything
 * that cannot be a key (so services can answer NOT_FOUND instead of letting a
 * malformed id reach PostgreSQL as a type error).
 */
export function parseId(raw: string | number | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^[1-9]\d{0,18}$/.test(text)) return undefined;
  return BigInt(text) <= MAX_BIGINT ? text : undefined;
}
