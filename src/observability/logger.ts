import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. The redaction list is a second line of defence: product keys, tokens and
 * secrets are never passed to the logger in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'partner-benefits-bot' },
    redact: {
      paths: ['keys', '*.keys', 'key', 'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
