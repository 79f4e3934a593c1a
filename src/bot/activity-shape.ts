import { z } from 'zod';

/**
 * issue 8: the fields of an activity that the bot and botbuilder read, with the types Teams sends. An
 * activity that breaks them (a `from` that is a number, `membersAdded` that is a string, a tenant id that
 * is an object) is the caller's mistake, refused with 400 before any turn runs: otherwise it fails deep
 * inside botbuilder (a reply that cannot be serialised, a handler that expects an array) as a server
 * error. Anything else is let through (loose), as Teams adds fields over time.
 */
const text = (max: number) => z.string().max(max).nullish();
const account = z.object({ id: text(1024), name: text(1024), aadObjectId: text(128), role: text(64) }).loose();
const objects = z.array(z.object({}).loose()).max(1000).nullish();

export const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1024),
    name: text(256),
    channelId: text(64),
    serviceUrl: text(2048),
    timestamp: text(64),
    localTimestamp: text(64),
    locale: text(64),
    replyToId: text(1024),
    text: z.string().nullish(),
    from: account.nullish(),
    recipient: account.nullish(),
    conversation: z.object({ id: z.string().min(1).max(1024), tenantId: text(64), conversationType: text(32), isGroup: z.boolean().nullish(), name: text(1024) }).loose().nullish(),
    channelData: z.object({ tenant: z.object({ id: text(64) }).loose().nullish() }).loose().nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    membersRemoved: z.array(account).max(1000).nullish(),
    entities: objects,
    attachments: objects,
  })
  .loose();

/** Where the activity breaks the shape (for the log), or undefined when it does not. */
export function activityShapeProblems(body: unknown): string[] | undefined {
  const parsed = activityShape.safeParse(body);
  return parsed.success ? undefined : parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`);
}
