import type { DomainError, ErrorCode } from '../domain/errors.js';
import { errorSentence } from '../i18n/errors.js';
import type { Locale } from '../i18n/index.js';

/**
 * The one shape of an error answered over HTTP, as a body of its own and as the value of an invoke's
 * `application/vnd.microsoft.error`: a code the caller branches on, and the sentence of the catalog.
 */
export interface ErrorBody {
  code: string;
  message: string;
}

/**
 * Status and caller's code of each coded error answered over HTTP. The codes are a contract already
 * relied on (the back office's, README; Teams shows the message of an invoke error to the clicker), so
 * they are kept as they were rather than replaced by the catalog's names.
 */
const WIRE: Partial<Record<ErrorCode, readonly [status: number, code: string]>> = {
  activityNotJson: [415, 'UnsupportedMediaType'],
  contentEncodingRefused: [415, 'UnsupportedMediaType'],
  requestNotJson: [415, 'UnsupportedMediaType'],
  activityNotObject: [400, 'BadRequest'],
  activityMalformed: [400, 'BadRequest'],
  activityFailed: [500, 'InternalError'],
  foreignTenant: [403, 'Forbidden'],
  invalidPayload: [400, 'BadRequest'],
  unknownAction: [400, 'NotSupported'],
  signatureInvalid: [401, 'Unauthorized'],
  timestampStale: [401, 'Unauthorized'],
  requestBodyInvalid: [400, 'BadRequest'],
  nonceReplayed: [409, 'Replayed'],
  completionTargetNotFound: [404, 'NotFound'],
  completionNotPending: [409, 'NotPending'],
  completionConflict: [409, 'Conflict'],
  offerExpiryInPast: [422, 'ExpiresInPast'],
};

/** Callers that send no language (the back office, a request refused before it is read) read English. */
export const HTTP_LOCALE: Locale = 'en-US';

/** A coded error as an HTTP answer; one not made for HTTP is the server's failure (500). */
export function errorAnswer(error: DomainError, locale: Locale = HTTP_LOCALE, correlationId = ''): { status: number; body: ErrorBody } {
  const [status, code] = WIRE[error.code] ?? [500, 'InternalError'];
  return { status, body: { code, message: errorSentence(locale, error, correlationId) } };
}
