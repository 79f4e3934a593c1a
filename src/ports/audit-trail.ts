/** What the audit trail records: every key reveal, assignment and activation, and the rest. */
export type AuditAction =
  | 'revealSoftwareKeys'
  | 'revealCloudKeys'
  | 'assignCloudSubscription'
  | 'assignVisualStudioSeat'
  | 'reassignVisualStudioSeat'
  | 'activateTechnicalBenefit'
  | 'technicalActivationCompleted'
  | 'requestSupport'
  | 'setMarketingContact'
  | 'activateOffer'
  | 'offerActivationCompleted'
  | 'requestCancellation'
  | 'addPerson'
  | 'grantRole'
  | 'removeRole'
  | 'requestBenefit'
  | 'approveRequest'
  | 'declineRequest'
  | 'requestExpired';

/** One record: who, what, when, where. Append-only: never changed, never removed. */
export interface AuditEntry {
  /** Position in the trail, from 1. */
  seq: number;
  at: string;
  action: AuditAction;
  /** The person who acted (their AAD object id) and their name at the time. */
  actor: { aadObjectId: string; name: string };
  /** What was acted on: the benefit group and id, or a person. */
  target: { kind: string; id: string; name: string };
  /** Where: the conversation it was done from ('system' for back-office events). */
  where: { conversationId: string; conversationType: string };
  /** Anything else worth keeping (never a secret). */
  details?: Record<string, string | number | boolean>;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditQuery {
  actor?: string;
  /** A person who acted or was acted on (given a seat or a role, added, made the contact): `involves`. */
  person?: string;
  targetId?: string;
  action?: AuditAction;
  /** Newest first, at most this many. */
  limit: number;
}

/**
 * The audit trail lives outside the inventory document: it grows without bound, and lowdb rewrites a
 * whole document on every write (NOTES.md), so each append must cost the same at any size.
 */
export interface AuditTrail {
  /** Resolves once the entry is durably on disk. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditEntry[]>;
}

/** Details that name a person an entry gave something to or took it from. */
const SUBJECT_DETAILS = ['assignee', 'previousHolder', 'assignedTo'] as const;

/**
 * The people an entry is about, besides who acted: the person a role, a seat or the marketing contact was
 * given to or taken from, the person added. Every engine filters `AuditQuery.person` by this one reading.
 */
export function subjectsOf(entry: Pick<AuditEntry, 'target' | 'details'>): string[] {
  const ids: string[] = [];
  if (entry.target.kind === 'person' || entry.target.kind === 'marketingContact') ids.push(entry.target.id);
  for (const key of SUBJECT_DETAILS) {
    const id = entry.details?.[key];
    if (typeof id === 'string' && id) ids.push(id);
  }
  return ids;
}

/** Whether the person (AAD object id) acted in the entry or is one it is about. */
export function involves(entry: Pick<AuditEntry, 'actor' | 'target' | 'details'>, person: string): boolean {
  const id = person.toLowerCase();
  return entry.actor.aadObjectId.toLowerCase() === id || subjectsOf(entry).some((s) => s.toLowerCase() === id);
}
