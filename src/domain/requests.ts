import { addDaysUtc } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { assignCloudSubscriptionToSelf, type SelfAssignment } from './keys-and-cloud.js';
import type { BenefitRequest, Inventory, Person, RequestKind } from './inventory.js';
import { readPersonById } from './people.js';
import { may, type Action } from './policy.js';
import { canRequestSupport, COVERED_PRODUCTS, fileSupportRequest, findTechnical, supportKindOf, type ProductKind, type SupportRequest } from './technical.js';
import { assignSeat, findSubscription, seatCount, type SeatChange } from './visual-studio.js';

/**
 * Who may grant each kind of request: the action of the R1 table a direct change of the same thing
 * asks for. A seat or a cloud subscription's user is an assignment (R1.3, Global admin); a software
 * product passed on and a support request on a benefit are activations (R1.4, Global admin or MPN
 * partner admin).
 */
export const REQUEST_KINDS = {
  visualStudio: { action: 'assignBenefit', rule: 'R1.3' },
  azure: { action: 'assignBenefit', rule: 'R1.3' },
  software: { action: 'revealSoftwareKeys', rule: 'R1.4' },
  support: { action: 'activateBenefit', rule: 'R1.4' },
} as const satisfies Record<RequestKind, { action: Action; rule: string }>;

export const REQUEST_KIND_NAMES = Object.keys(REQUEST_KINDS) as RequestKind[];
export const REQUEST_NOTE_MAX = 500;
export const DECLINE_REASON_MAX = 300;

export interface RequestDraft {
  kind: RequestKind;
  benefitId: string;
  note?: string;
  productKind?: ProductKind;
}

/** The name of what a request is about (a level, a product, a benefit), or undefined when it is gone. */
export function subjectName(inventory: Inventory, kind: RequestKind, benefitId: string): string | undefined {
  switch (kind) {
    case 'visualStudio':
      return findSubscription(inventory, benefitId)?.level;
    case 'azure':
      return inventory.benefits.cloud.find((b) => b.id === benefitId)?.name;
    case 'software':
      return inventory.benefits.software.find((b) => b.id === benefitId)?.name;
    case 'support':
      return findTechnical(inventory, benefitId)?.name;
  }
}

/**
 * Whether what is asked could be granted now (R5.2 a free seat, R4.2 a usage-based subscription with
 * no user yet, R6.4 a support type that covers the product): said at once when nothing can be.
 */
export function grantable(inventory: Inventory, draft: RequestDraft, requesterId: string): Result<{ name: string }> {
  const name = subjectName(inventory, draft.kind, draft.benefitId);
  if (name === undefined) return fail('notFound');
  switch (draft.kind) {
    case 'visualStudio': {
      const subscription = findSubscription(inventory, draft.benefitId)!;
      const held = subscription.assignments.some((a) => a.aadObjectId.toLowerCase() === requesterId.toLowerCase());
      if (held) return fail('alreadyHoldsSeat', { name: readPersonById(inventory, requesterId)?.name ?? '', level: name });
      if (seatCount(subscription).free === 0) return fail('noFreeSeat', { level: name, total: subscription.seats });
      return ok({ name });
    }
    case 'azure': {
      const benefit = inventory.benefits.cloud.find((b) => b.id === draft.benefitId)!;
      if (benefit.kind !== 'usageBased') return fail('notUsageBased', { product: name });
      if (benefit.assignedTo) return fail('cloudAlreadyAssigned', { product: name, name: readPersonById(inventory, benefit.assignedTo.by)?.name ?? '' });
      return ok({ name });
    }
    case 'software':
      return ok({ name });
    case 'support': {
      const benefit = findTechnical(inventory, draft.benefitId)!;
      const open = canRequestSupport(benefit);
      if (!open.ok) return open;
      if (!draft.note?.trim()) return fail('descriptionMissing');
      if (supportKindOf(benefit.kind) === 'breakFix') {
        if (!draft.productKind) return fail('productKindMissing');
        if (!COVERED_PRODUCTS[benefit.kind].includes(draft.productKind)) return fail('productKindNotCovered', { name });
      }
      return ok({ name });
    }
  }
}

export function findRequest(inventory: Inventory, id: string): BenefitRequest | undefined {
  return (inventory.requests ?? []).find((r) => r.id === id);
}

/** Anyone of the company asks (no role needed); the same thing asked twice while it waits is one request. */
export function openRequest(inventory: Inventory, draft: RequestDraft, requester: Person, now: Date, id: string, locale: string): Result<BenefitRequest> {
  if (draft.note && draft.note.length > REQUEST_NOTE_MAX) return fail('requestNoteTooLong', { max: REQUEST_NOTE_MAX });
  const possible = grantable(inventory, draft, requester.aadObjectId);
  if (!possible.ok) return possible;
  const same = (inventory.requests ?? []).find((r) => r.state === 'pending' && r.requester === requester.aadObjectId && r.kind === draft.kind && r.benefitId === draft.benefitId);
  if (same) return fail('requestAlreadyOpen', { name: possible.value.name });
  const note = draft.note?.trim();
  const request: BenefitRequest = {
    id,
    kind: draft.kind,
    benefitId: draft.benefitId,
    requester: requester.aadObjectId,
    ...(note ? { note } : {}),
    ...(draft.kind === 'support' && draft.productKind ? { productKind: draft.productKind } : {}),
    locale,
    createdAt: now.toISOString(),
    state: 'pending',
  };
  inventory.requests ??= [];
  inventory.requests.push(request);
  return ok(request);
}

/** The request still waiting for a decision, or why it is not: a decision is made once (the first press). */
function pending(inventory: Inventory, id: string): Result<BenefitRequest> {
  const request = findRequest(inventory, id);
  if (!request) return fail('requestNotFound');
  if (request.state !== 'pending') return fail('requestDecided', { state: request.state, name: readPersonById(inventory, request.decided?.by ?? '')?.name ?? '' });
  return ok(request);
}

/** What an approval changed, besides the request: the seat, the subscription's user, the support request filed. */
export interface Grant {
  request: BenefitRequest;
  requester: Person;
  name: string;
  seat?: SeatChange;
  cloud?: SelfAssignment;
  support?: SupportRequest;
}

/**
 * Approve: the change the request asks for, by the same rules as a direct one (R5.2 the last seat,
 * R4.2, R6.4 and the incidents left), and the decision, in one transaction: of two approvers pressing
 * at once, or one pressing twice, exactly one grants it. A software request changes no benefit: the
 * approver installs the product or passes it on, and no key is revealed by the approval (R3.4, R8.1).
 * Mutates only when it returns ok. The caller has checked the approver's role (REQUEST_KINDS).
 */
export function approveRequest(inventory: Inventory, id: string, approver: Person, now: Date, supportRequestId: string): Result<Grant> {
  const found = pending(inventory, id);
  if (!found.ok) return found;
  const request = found.value;
  const requester = readPersonById(inventory, request.requester);
  if (!requester) return fail('personNotFound');
  const name = subjectName(inventory, request.kind, request.benefitId);
  if (name === undefined) return fail('notFound');
  const grant: Grant = { request, requester, name };
  if (request.kind === 'visualStudio') {
    const seat = assignSeat(inventory, request.benefitId, requester.aadObjectId, approver.aadObjectId, now);
    if (!seat.ok) return seat;
    grant.seat = seat.value;
  } else if (request.kind === 'azure') {
    const possible = grantable(inventory, request, requester.aadObjectId);
    if (!possible.ok) return possible;
    const cloud = assignCloudSubscriptionToSelf(inventory, request.benefitId, requester, now);
    if (!cloud.ok) return cloud;
    grant.cloud = cloud.value;
  } else if (request.kind === 'support') {
    const draft = { benefitId: request.benefitId, description: request.note ?? '', ...(request.productKind ? { productKind: request.productKind } : {}) };
    const filed = fileSupportRequest(inventory, draft, requester, now, supportRequestId);
    if (!filed.ok) return filed;
    grant.support = filed.value;
  }
  request.state = 'approved';
  request.decided = { by: approver.aadObjectId, at: now.toISOString() };
  return ok(grant);
}

/** Decline, with the reason the requester is told; once, like an approval. */
export function declineRequest(inventory: Inventory, id: string, approver: Person, now: Date, reason: string): Result<BenefitRequest> {
  const why = reason.trim();
  if (!why) return fail('declineReasonMissing');
  if (why.length > DECLINE_REASON_MAX) return fail('declineReasonTooLong', { max: DECLINE_REASON_MAX });
  const found = pending(inventory, id);
  if (!found.ok) return found;
  found.value.state = 'declined';
  found.value.decided = { by: approver.aadObjectId, at: now.toISOString(), reason: why };
  return ok(found.value);
}

/** Whether the person may decide this request (the R1 row of its kind). */
export function mayDecide(person: Person, request: Pick<BenefitRequest, 'kind'>): boolean {
  return may(person, REQUEST_KINDS[request.kind].action);
}

/** The people who may decide a request of this kind, in the company's order. */
export function approversOf(inventory: Inventory, request: Pick<BenefitRequest, 'kind'>): Person[] {
  return inventory.people.filter((p) => mayDecide(p, request));
}

/** Pending requests this person may decide, oldest first. */
export function waitingFor(inventory: Inventory, person: Person): BenefitRequest[] {
  return (inventory.requests ?? []).filter((r) => r.state === 'pending' && mayDecide(person, r));
}

/** The person's own requests, newest first. */
export function requestsOf(inventory: Inventory, aadObjectId: string): BenefitRequest[] {
  return (inventory.requests ?? []).filter((r) => r.requester === aadObjectId).reverse();
}

/** Pending requests older than `days` whose one reminder has not been queued. */
export function requestsToRemind(inventory: Inventory, now: Date, days: number): BenefitRequest[] {
  return (inventory.requests ?? []).filter((r) => r.state === 'pending' && !r.remindedAt && addDaysUtc(r.createdAt, days).getTime() <= now.getTime());
}

export function markReminded(inventory: Inventory, ids: readonly string[], now: Date): Result<number> {
  const marked = (inventory.requests ?? []).filter((r) => ids.includes(r.id) && r.state === 'pending' && !r.remindedAt);
  for (const r of marked) r.remindedAt = now.toISOString();
  return ok(marked.length);
}

/** The approval cards or the outcome of these requests are in the outbox. */
export function markQueued(inventory: Inventory, ids: readonly string[], which: 'ask' | 'outcome', now: Date): Result<number> {
  const marked = (inventory.requests ?? []).filter((r) => ids.includes(r.id) && !r.queuedAt?.[which]);
  for (const r of marked) r.queuedAt = { ...r.queuedAt, [which]: now.toISOString() };
  return ok(marked.length);
}

/** What the outbox may not have yet: approval cards of waiting requests, outcomes of decided ones. */
export function notQueued(inventory: Inventory): { ask: BenefitRequest[]; outcome: BenefitRequest[] } {
  const list = inventory.requests ?? [];
  return { ask: list.filter((r) => r.state === 'pending' && !r.queuedAt?.ask), outcome: list.filter((r) => r.state !== 'pending' && !r.queuedAt?.outcome) };
}

/** Pending requests older than `days` expire (decided by 'system'); returns them. */
export function expireRequests(inventory: Inventory, now: Date, days: number): Result<BenefitRequest[]> {
  const due = (inventory.requests ?? []).filter((r) => r.state === 'pending' && addDaysUtc(r.createdAt, days).getTime() <= now.getTime());
  for (const r of due) {
    r.state = 'expired';
    r.decided = { by: 'system', at: now.toISOString() };
  }
  return ok(due);
}

/** What grows is bounded: decided and expired requests go once `days` have passed since their decision. */
export function pruneRequests(inventory: Inventory, now: Date, days: number): Result<number> {
  const list = inventory.requests ?? [];
  const keep = list.filter((r) => r.state === 'pending' || !r.decided || addDaysUtc(r.decided.at, days).getTime() > now.getTime());
  if (keep.length === list.length) return ok(0);
  inventory.requests = keep;
  return ok(list.length - keep.length);
}

/** What the person could ask for now, in the Benefits page's order (what grantable would let through). */
export function askable(inventory: Inventory, requesterId: string): { kind: RequestKind; benefitId: string }[] {
  const out: { kind: RequestKind; benefitId: string }[] = [];
  for (const s of inventory.benefits.visualStudio) if (grantable(inventory, { kind: 'visualStudio', benefitId: s.id }, requesterId).ok) out.push({ kind: 'visualStudio', benefitId: s.id });
  for (const c of inventory.benefits.cloud) if (c.kind === 'usageBased' && !c.assignedTo) out.push({ kind: 'azure', benefitId: c.id });
  for (const s of inventory.benefits.software) out.push({ kind: 'software', benefitId: s.id });
  for (const b of inventory.benefits.technical) if (canRequestSupport(b).ok) out.push({ kind: 'support', benefitId: b.id });
  return out;
}
