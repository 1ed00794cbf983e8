import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError } from './app-error.js';
import { ERROR_CODES, ErrorCode } from './error-codes.js';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from './unavailable.js';

/** Apollo's own codes for a request that never reached execution: reported as BAD_USER_INPUT. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js's message when `parse(…, { maxTokens })` gives up (16.x spells it "more that"). */
export const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens/;

const VARIABLE_ERROR_LIMIT = /^Too many errors processing variables/;

interface FieldProblem {
  field: string;
  message: string;
}

function flattenValidation(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidation(e.children, field));
  }
  return out;
}

/** True when the error is one we expect and may show as is. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || original instanceof ArgumentValidationError) return true;
  if (original instanceof GraphQLError) {
    const code = original.extensions.code;
    return (
      typeof code === 'string' &&
      (REQUEST_ERROR_CODES.has(code) || ERROR_CODES.includes(code as ErrorCode))
    );
  }
  return false;
}

/**
 * Builds the Apollo `formatError` hook: every error leaves with a code from the
 * catalogue; unknown errors become INTERNAL_SERVER_ERROR and, in production,
 * carry no message detail, stack or SQL.
 */
export function createErrorFormatter(options: { exposeInternalMessages: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
    };

    if (original instanceof AppError) {
      return { ...base, extensions: { ...stripHttp(formatted.extensions), code: original.code } };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = flattenValidation(original.extensions.validationErrors);
      const first = problems[0];
      return {
        ...base,
        message: first ? `${first.field}: ${first.message}` : 'Invalid input',
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field ?? null, problems },
      };
    }
    if (formatted.extensions?.reason === DATABASE_UNAVAILABLE || isDatabaseUnavailable(original)) {
      return {
        message: 'The database is unavailable; try again shortly',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: DATABASE_UNAVAILABLE },
      };
    }
    const code = formatted.extensions?.code;
    if (VARIABLE_ERROR_LIMIT.test(formatted.message)) {
      // graphql-js gives up after 50 bad variable values, with an error Apollo cannot classify.
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_VARIABLES' } };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT.test(formatted.message)) {
      return { ...base, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens' } };
    }
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: code } };
    }
    if (
      typeof code === 'string' &&
      ERROR_CODES.includes(code as ErrorCode) &&
      code !== ErrorCode.INTERNAL_SERVER_ERROR
    ) {
      return { ...base, extensions: { ...stripHttp(formatted.extensions), code } };
    }
    return {
      message: options.exposeInternalMessages ? formatted.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function stripHttp(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extensions) return {};
  const { http: _http, stacktrace: _stack, exception: _exception, ...rest } = extensions;
  return rest;
}
