/**
 * The fields of an activity that the bot and botbuilder read, with the types Teams sends. An
 * activity that breaks them (a `from` that is a number, `membersAdded` that is a string, a tenant id that
 * is an object) is the caller's mistake, refused with 400 before any turn runs: otherwise it fails deep
 * inside botbuilder (a reply that cannot be serialised, a handler that expects an array) as a server
 * error. Anything else is let through (loose), as Teams adds fields over time.
 *
 * This runs on every request, so the shape is a small table read by a checker that allocates
 * nothing for a good activity. (It was a zod schema: the same rules, at ~4% of a list card's turn,
 * because zod builds a copy of every object it accepts.)
 */
type Rule =
  | { kind: 'string'; min?: number; max?: number; required?: boolean }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: Fields; required?: boolean }
  | { kind: 'array'; max: number; items: Rule };
type Fields = Readonly<Record<string, Rule>>;

const text = (max?: number): Rule => ({ kind: 'string', ...(max === undefined ? {} : { max }) });
const object = (fields: Fields = {}): Rule => ({ kind: 'object', fields });
const account = object({ id: text(1024), name: text(1024), aadObjectId: text(128), role: text(64) });

/** Every field is optional and may be null unless `required` (an array's items never are); objects accept fields not listed. */
export const ACTIVITY_SHAPE: Fields = {
  type: { kind: 'string', min: 1, max: 64, required: true },
  id: text(1024),
  name: text(256),
  channelId: text(64),
  // Who spoke, where and through which connector: without them no turn can run (it failed with an error
  // in the log), so an activity missing one is refused at the door.
  serviceUrl: { kind: 'string', min: 1, max: 2048, required: true },
  timestamp: text(64),
  localTimestamp: text(64),
  locale: text(64),
  replyToId: text(1024),
  text: text(),
  from: { ...account, required: true } as Rule,
  recipient: account,
  conversation: { ...object({ id: { kind: 'string', min: 1, max: 1024, required: true }, tenantId: text(64), conversationType: text(32), isGroup: { kind: 'boolean' }, name: text(1024) }), required: true } as Rule,
  channelData: object({ tenant: object({ id: text(64) }) }),
  membersAdded: { kind: 'array', max: 1000, items: account },
  membersRemoved: { kind: 'array', max: 1000, items: account },
  entities: { kind: 'array', max: 1000, items: object() },
  attachments: { kind: 'array', max: 1000, items: object() },
};

/** At most this many problems are reported (for the log). */
const MAX_PROBLEMS = 5;

/** Where the activity breaks the shape (for the log), or undefined when it does not. */
export function activityShapeProblems(body: unknown): string[] | undefined {
  const problems: string[] = [];
  check(body, { kind: 'object', fields: ACTIVITY_SHAPE, required: true }, [], problems);
  return problems.length ? problems : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function report(at: (string | number)[], problems: string[], code: string): void {
  problems.push(`${at.join('.')}: ${code}`);
}

/** `at` is the path to `value`, pushed and popped as the check descends: only a problem makes a string of it. */
function check(value: unknown, rule: Rule, at: (string | number)[], problems: string[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  if (value === undefined || value === null) {
    if ('required' in rule && rule.required) report(at, problems, 'invalid_type');
    return;
  }
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') report(at, problems, 'invalid_type');
      else if (rule.min !== undefined && value.length < rule.min) report(at, problems, 'too_small');
      else if (rule.max !== undefined && value.length > rule.max) report(at, problems, 'too_big');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(at, problems, 'invalid_type');
      return;
    case 'object':
      if (!isRecord(value)) return void report(at, problems, 'invalid_type');
      for (const key in rule.fields) {
        at.push(key);
        check(value[key], rule.fields[key]!, at, problems);
        at.pop();
      }
      return;
    case 'array':
      if (!Array.isArray(value)) return void report(at, problems, 'invalid_type');
      if (value.length > rule.max) return void report(at, problems, 'too_big');
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        // An array's items are never optional: a null member is not a member.
        if (value[i] === undefined || value[i] === null) report(at, problems, 'invalid_type');
        else check(value[i], rule.items, at, problems);
        at.pop();
      }
      return;
  }
}
