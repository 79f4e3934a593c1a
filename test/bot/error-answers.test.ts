import { errorAnswer } from '../../src/http/error-answer.js';
import { invokeRefusal } from '../../src/bot/invoke-error.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { jaJP } from '../../src/i18n/locales/ja-JP.js';

describe('one shape for the errors answered over HTTP and to invokes', () => {
  it.each([
    ['activityNotJson', 415, 'UnsupportedMediaType'],
    ['activityNotObject', 400, 'BadRequest'],
    ['activityMalformed', 400, 'BadRequest'],
    ['activityFailed', 500, 'InternalError'],
    ['signatureInvalid', 401, 'Unauthorized'],
    ['timestampStale', 401, 'Unauthorized'],
    ['requestBodyInvalid', 400, 'BadRequest'],
    ['nonceReplayed', 409, 'Replayed'],
    ['completionTargetNotFound', 404, 'NotFound'],
    ['completionNotPending', 409, 'NotPending'],
    ['completionConflict', 409, 'Conflict'],
    ['offerExpiryInPast', 422, 'ExpiresInPast'],
    ['foreignTenant', 403, 'Forbidden'],
    ['invalidPayload', 400, 'BadRequest'],
    ['unknownAction', 400, 'NotSupported'],
  ] as const)('%s → %i %s, with the catalog\'s sentence (English for a caller that sends no language)', (code, status, wire) => {
    const answer = errorAnswer({ code, params: { name: 'X', date: '2030-01-02' } });
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(wire);
    expect(answer.body.message).toBe(enUS[`error.${code}`].replace('{name}', 'X').replace('{date}', 'Jan 2, 2030'));
  });

  it('a coded error not made for HTTP is the server\'s failure, still with its sentence', () => {
    expect(errorAnswer({ code: 'internal' }, 'en-US', 'c-1')).toEqual({ status: 500, body: { code: 'InternalError', message: enUS['error.internal'].replace('{correlationId}', 'c-1') } });
  });

  it('an invoke refusal is application/vnd.microsoft.error in the clicker\'s language, the same body as its value', () => {
    expect(invokeRefusal('ja-JP', { code: 'unknownAction' })).toEqual({
      status: 400,
      body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'NotSupported', message: jaJP['error.unknownAction'] } },
    });
  });
});
