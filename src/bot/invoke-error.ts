import type { InvokeResponse } from 'botbuilder';
import type { DomainError } from '../domain/errors.js';
import type { Locale } from '../i18n/index.js';
import { errorAnswer, type ErrorBody } from '../http/error-answer.js';

/** An invoke refused: Teams shows the message of an `application/vnd.microsoft.error` to the clicker. */
export function invokeError(status: number, body: ErrorBody): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: body } };
}

/** A coded error as an invoke's answer, in the clicker's language. */
export function invokeRefusal(locale: Locale, error: DomainError, correlationId = ''): InvokeResponse {
  const { status, body } = errorAnswer(error, locale, correlationId);
  return invokeError(status, body);
}
