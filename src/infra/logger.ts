import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/index.js';

export type { Logger } from 'pino';

/**
 * Field paths that must never reach a log line. Secrets are redacted wherever
 * they appear under these names (request headers, GraphQL variables, errors).
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  '*.newPassword',
  '*.*.password',
  '*.*.newPassword',
  'token',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.code',
  '*.*.code',
  'session_key',
  '*.session_key',
  '*.secret',
  '*.appSecret',
  'variables',
];

/** Creates the process logger: pino JSON lines (to stdout by default) with secret fields redacted. */
export function createLogger(
  level: LogLevel,
  bindings: Record<string, unknown> = {},
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    base: { ...bindings },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
