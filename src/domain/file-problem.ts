/**
 * One thing wrong with an import file: where (a JSON path such as `$.people[3].email`, and the line of the
 * file it starts on) and why, as a code with its values; the locale renders the sentence
 * (src/i18n/file-problems.ts). `rule` names the rule of the spec the check holds, for tests and logs only.
 */
export interface FileProblem {
  path: string;
  line?: number;
  code: FileProblemCode;
  params?: Record<string, string | number>;
  /** Values that are lists ("one of …"): the locale joins them its way. */
  lists?: Record<string, string[]>;
  rule?: string;
}

export const FILE_PROBLEM_CODES = [
  // The text and the schema (schema/inventory.schema.json)
  'notJson',
  'jsonEnds',
  'required',
  'unknownProperty',
  'oneOf',
  'equal',
  'type',
  'form',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'empty',
  'maxLength',
  'maxItems',
  'uniqueItems',
  'anyOf',
  'schema',
  // The rules between records
  'duplicatePackage',
  'competencyMissing',
  'expiresBeforePurchase',
  'duplicatePerson',
  'duplicateEmail',
  'invisibleName',
  'noGlobalAdmin',
  'unknownPerson',
  'duplicateBenefit',
  'unknownPackage',
  'usageBasedKeys',
  'tooManyAssignments',
  'seatHeldTwice',
  'assignedBeforeOriginal',
  'supportOnActionPack',
  'activeWithoutIds',
  'moreUsedThanAvailable',
  'tierNotOpened',
  'activeOfferWithoutExpiry',
  'contactEmailIsAccount',
] as const;

export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];
