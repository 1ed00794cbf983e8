export { AppError } from './app-error.js';
export type { ErrorDetails } from './app-error.js';
export { ErrorCode, ERROR_CODES } from './error-codes.js';
export { createErrorFormatter, isExpectedError } from './format-error.js';
export {
  DATABASE_UNAVAILABLE,
  databaseUnavailableError,
  isDatabaseUnavailable,
} from './unavailable.js';
export { locateSharedRefusal } from './located.js';
