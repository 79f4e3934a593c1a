import type { Role } from './roles.js';

/**
 * The catalog of coded errors. A use case returns one of these; the chat layer turns the code into a
 * sentence in the person's language (src/i18n) and the log keeps the detail.
 */
export const ERROR_CODES = [
  'notSetUp',
  'notRegistered',
  'foreignTenant',
  'noRole',
  'forbidden',
  'notFound',
  'invalidPayload',
  'unknownAction',
  'internal',
  // a failure after the turn saved a change: the person must not read "nothing was changed"
  'internalAfterChange',
  // Refused at the door, over HTTP: the message endpoint, and the back office's signed completions (R6.3, R7.5)
  'activityNotJson',
  'activityNotObject',
  'activityMalformed',
  'activityFailed',
  'signatureInvalid',
  'timestampStale',
  'requestBodyInvalid',
  'nonceReplayed',
  'completionTargetNotFound',
  'completionNotPending',
  'completionConflict',
  // Refused before the body is read: a compressed body (it inflates before any token is checked)
  'contentEncodingRefused',
  'requestNotJson',
  // Software and cloud benefits (R3.3, R4.2, R4.3)
  'usageBasedNoKeys',
  'licenseBasedNoUser',
  'downloadNotOffered',
  // the encryption key at hand does not open the sealed keys (lost or replaced): nothing is recorded
  'keysUnreadable',
  // Visual Studio seats (R5.2, R5.4), people and roles (R1.7)
  'subscriptionNotFound',
  'personNotFound',
  'alreadyHoldsSeat',
  'noFreeSeat',
  'seatNotHeld',
  'reassignTooEarly',
  'invalidPerson',
  'roleAlreadyHeld',
  'roleNotHeld',
  'lastGlobalAdmin',
  // Technical benefits, processing, notifications
  'managedInPmc',
  'activationPending',
  'alreadyActive',
  'notActivated',
  'noIncidentsLeft',
  'noHoursLeft',
  'productKindNotCovered',
  'productKindMissing',
  'descriptionMissing',
  'activationConflict',
  // Go-To-Market offers and cancellations
  'invalidMarketingContact',
  'offerNotAvailable',
  'marketingContactRequired',
  'offerPending',
  'offerAlreadyActive',
  'offerExpired',
  'offerExpiryInPast',
  'packageNotFound',
  'refundNotPossible',
  'cancellationAlreadyRequested',
  // Requests, approvals and the digest
  'notUsageBased',
  'cloudAlreadyAssigned',
  'requestNoteTooLong',
  'requestAlreadyOpen',
  'requestNotFound',
  'requestDecided',
  'declineReasonMissing',
  'declineReasonTooLong',
  // Nothing irreversible in one click: asked first, and the person has not answered yet
  'confirmationNeeded',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainError {
  code: ErrorCode;
  /** Values the sentence for this code may show. */
  params?: Record<string, string | number>;
  /** Lists of names the sentence shows, written as the person's language writes a list ("A, B" / "A、B"). */
  lists?: Record<string, readonly string[]>;
  /** R1.6, for `forbidden`: the roles any one of which would allow the action, and who in the company to ask. */
  denial?: Denial;
}

/** Why an action was denied (R1.6), as data: the rule, the roles that allow it, the Global admins' names. */
export interface Denial {
  rule: string;
  requiredRoles: readonly Role[];
  globalAdmins: readonly string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, params?: DomainError['params']): Result<T> => ({
  ok: false,
  error: params ? { code, params } : { code },
});
