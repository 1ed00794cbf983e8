import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/** Extra, code-specific details a client may read from `extensions`. */
export type ErrorDetails = Record<string, string | number | boolean | null | readonly unknown[]>;

interface HttpHint {
  readonly status?: number;
  readonly headers?: ReadonlyMap<string, string>;
}

/**
 * An expected failure with a stable `extensions.code` from {@link ErrorCode}.
 * Services throw these; anything else reaching the client is reported as
 * `INTERNAL_SERVER_ERROR` by the error formatter.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, http?: HttpHint) {
    // Expected failures need no stack trace; capturing one costs more than the
    // rest of a refused request (thousands per second during a seat rush).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, {
      extensions: {
        ...details,
        code,
        ...(http
          ? {
              // Apollo ignores the hint if a key is present but undefined.
              http: {
                ...(http.status === undefined ? {} : { status: http.status }),
                ...(http.headers ? { headers: new Map(http.headers) } : {}),
              },
            }
          : {}),
      },
    });
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'AppError';
    this.code = code;
  }

  /** No or bad credentials on the request. */
  static unauthenticated(message = 'Authentication required'): AppError {
    return new AppError(ErrorCode.UNAUTHENTICATED, message);
  }

  /** Signed in, but the role does not allow this. */
  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError(ErrorCode.FORBIDDEN, message);
  }

  /** Invalid input; `field` names the offending argument or input field. */
  static badInput(field: string, message: string, details: ErrorDetails = {}): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, { ...details, field });
  }

  /** The thing does not exist, or belongs to someone else (we never say which). */
  static notFound(what: string, id?: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} not found`, id === undefined ? {} : { id });
  }

  /** A unique value is already taken. */
  static conflict(field: string, message: string): AppError {
    return new AppError(ErrorCode.CONFLICT, message, { field });
  }

  /** Too many attempts; the client may retry after the given number of seconds. */
  static rateLimited(
    retryAfterSeconds: number,
    message = 'Too many requests, try again later',
  ): AppError {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppError(
      ErrorCode.RATE_LIMITED,
      message,
      { retryAfterSeconds: seconds },
      { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
    );
  }

  /** Fewer pieces of a product are in stock than asked for. */
  static insufficientStock(productId: string, available: number): AppError {
    return new AppError(
      ErrorCode.INSUFFICIENT_STOCK,
      available > 0 ? `Only ${available} left in stock` : 'Out of stock',
      { productId, available },
    );
  }

  /** The operation is refused before execution (depth, cost, aliases, tokens…). */
  static queryTooComplex(message: string, details: ErrorDetails = {}): AppError {
    return new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, details, { status: 400 });
  }
}
