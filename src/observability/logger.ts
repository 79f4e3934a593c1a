import { pino, type Logger } from 'pino';
import { traceFields } from './telemetry.js';

export type { Logger };

/**
 * Structured JSON logs. The redaction list is a second line of defence: product keys, tokens and
 * secrets are never passed to the logger in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'partner-benefits-bot' },
    // The trace and span of the turn or delivery the line is written in (OpenTelemetry's active span).
    mixin: () => traceFields(),
    redact: {
      paths: ['keys', '*.keys', 'key', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
