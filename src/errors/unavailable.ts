import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/** PostgreSQL/driver error codes that mean "cannot reach the database right now". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** Reason given in `extensions.reason` when the database cannot be reached. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

/** True when the error (or one of its causes) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; depth++) {
    const candidate = e as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof candidate.code === 'string' && CONNECTION_CODES.has(candidate.code)) return true;
    if (candidate.name === 'ConnectionException') return true;
    if (typeof candidate.message === 'string' && CONNECTION_MESSAGES.test(candidate.message))
      return true;
    e = candidate.originalError ?? candidate.cause;
  }
  return false;
}

/** The error a client gets while the database is down: clear, retryable, HTTP 503. */
export function databaseUnavailableError(): GraphQLError {
  return new GraphQLError('The database is unavailable; try again shortly', {
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      reason: DATABASE_UNAVAILABLE,
      http: { status: 503 },
    },
  });
}
