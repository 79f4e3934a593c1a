import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/errors.js';
import type { BenefitRequest, Inventory, Person } from '../../domain/inventory.js';
import { readPersonById } from '../../domain/people.js';
import { rememberSettings } from '../../domain/person-settings.js';
import { approveRequest, approversOf, declineRequest, findRequest, markQueued, mayDecide, openRequest, REQUEST_KINDS, requestsOf, subjectName, waitingFor, type Grant, type RequestDraft } from '../../domain/requests.js';
import type { AuditAction } from '../../ports/audit-trail.js';
import { changeWithRecords, type RecordWrite } from '../follow-ups.js';
import { auditEntry, changeAs, type Actor, type AppDeps } from '../use-case.js';
import { approvalTargets, keepUntil, outcomeNotice, queueAll, type RequestNotifier, type RequestOptions } from './request-notices.js';

/** What the request use cases need besides the inventory: the outbox, and how long requests wait. */
export interface RequestDeps extends AppDeps {
  notifier: RequestNotifier;
  requestOptions: RequestOptions;
}

const newId = (prefix: string, now: Date) => `${prefix}-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;

const seen = (actor: Actor) => ({ locale: actor.locale, ...(actor.userId ? { userId: actor.userId } : {}), ...(actor.timeZone ? { timeZone: actor.timeZone } : {}) });

const target = (inventory: Inventory, request: BenefitRequest, name: string) => ({ kind: 'request', id: request.id, name: `${name} (${readPersonById(inventory, request.requester)?.name ?? request.requester})` });

export interface AskedRequest {
  request: BenefitRequest;
  name: string;
  approvers: Person[];
}

/**
 * Anyone of the company asks for a benefit (no role needed): refused at once when nothing can be
 * granted (no free seat, the subscription has its user, R6.4), otherwise kept in the inventory with its
 * audit line, and the approval card queued in the outbox for each approver (R1.3 / R1.4) or for the
 * company's channel. The sweep queues the same cards again (once-keys) should a crash come in between.
 */
export async function askForBenefit(deps: RequestDeps, actor: Actor, draft: RequestDraft): Promise<Result<AskedRequest>> {
  const now = deps.clock.now();
  const id = newId('RQ', now);
  let name = '';
  const result = await changeWithRecords<BenefitRequest>(
    deps,
    (followUp) =>
      deps.inventory.transact((inventory) => {
        // Removed from the company meanwhile: they can no longer ask.
        const live = readPersonById(inventory, actor.person.aadObjectId);
        if (!live) return { ok: false, error: { code: 'notRegistered', lists: { admins: approversOf(inventory, { kind: 'visualStudio' }).map((p) => p.name) } } };
        const opened = openRequest(inventory, draft, live, now, id, actor.locale);
        if (!opened.ok) return opened;
        opened.value.askedIn = actor.where.conversationId;
        rememberSettings(inventory, live.aadObjectId, seen(actor));
        return opened;
      }, followUp),
    (request) => {
      const inventory = deps.inventory.current()!;
      name = subject(inventory, request);
      return [{ to: 'audit', entry: auditEntry(actor, 'requestBenefit', target(inventory, request, name), now, { request: request.id, requestKind: request.kind, benefitId: request.benefitId }) }];
    },
  );
  if (!result.ok) return result;
  const inventory = deps.inventory.current()!;
  const request = findRequest(inventory, result.value.id) ?? result.value;
  await queueAll(deps.notifier, approvalTargets(inventory, request, 'ask'), keepUntil(request, deps.requestOptions));
  await markAsQueued(deps, request.id, 'ask', now);
  return ok({ request, name: name || subject(inventory, request), approvers: approversOf(inventory, request) });
}

/** Marks what is now in the outbox; should the disk refuse, the sweep queues it again (once-keys keep it to one). */
async function markAsQueued(deps: AppDeps, id: string, which: 'ask' | 'outcome', now: Date): Promise<void> {
  await deps.inventory.transact((inventory) => markQueued(inventory, [id], which, now)).catch((error: unknown) => deps.logger?.warn({ request: id, error: (error as Error).message }, 'requests: queued but not marked so; the sweep looks again'));
}

function subject(inventory: Inventory, request: BenefitRequest): string {
  return subjectName(inventory, request.kind, request.benefitId) ?? request.benefitId;
}

/** The audit line a direct change of the same thing writes, so the trail reads the same either way. */
function directRecords(actor: Actor, grant: Grant, now: Date): RecordWrite[] {
  if (grant.seat) {
    const { subscription, assignee, assignment } = grant.seat;
    const entry = auditEntry(actor, 'assignVisualStudioSeat', { kind: 'visualStudio', id: subscription.id, name: subscription.level }, now, { assignee: assignee.aadObjectId, assigneeName: assignee.name, assignedAt: assignment.assignedAt, request: grant.request.id });
    return [{ to: 'audit', entry }];
  }
  if (grant.cloud) {
    const entry = auditEntry(actor, 'assignCloudSubscription', { kind: 'cloud', id: grant.cloud.benefit.id, name: grant.cloud.benefit.name }, now, { assignee: grant.requester.aadObjectId, assigneeName: grant.requester.name, request: grant.request.id });
    return [{ to: 'audit', entry }];
  }
  if (grant.support) {
    const s = grant.support;
    const entry = auditEntry(actor, 'requestSupport', { kind: 'technical', id: s.benefitId, name: s.benefitName }, now, { request: s.id, supportKind: s.supportKind, ...(s.productKind ? { productKind: s.productKind } : {}), idsIncluded: Boolean(s.accessId), benefitRequest: grant.request.id });
    return [{ to: 'supportRequests', request: s }, { to: 'audit', entry }];
  }
  return [];
}

/** The request as it is now, or why this person may not see it (its kind's approvers, its requester, where it was asked). */
export function requestFor(deps: AppDeps, actor: Actor, requestId: string): Result<{ request: BenefitRequest; inventory: Inventory }> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const request = findRequest(inventory, requestId);
  if (!request) return fail('requestNotFound');
  const me = readPersonById(inventory, actor.person.aadObjectId) ?? actor.person;
  const related = request.requester === me.aadObjectId || mayDecide(me, request) || request.askedIn === actor.where.conversationId || inventory.approvalsConversationId === actor.where.conversationId;
  return related ? ok({ request, inventory }) : fail('requestNotFound');
}

export type Decision = { kind: 'approved'; grant: Grant } | { kind: 'declined'; request: BenefitRequest };

/**
 * Approve or Decline, by the R1 row of the request's kind (REQUEST_KINDS), made in one transaction with
 * the change it grants (src/domain/requests.ts): exactly once, whoever presses first. The decision and
 * its approver go to the audit trail with the change's own line, kept in the change's journal line until
 * written; then the requester is told in their 1:1 chat (queued once).
 */
export async function decideRequest(deps: RequestDeps, actor: Actor, input: { requestId: string; approve: boolean; reason?: string }): Promise<Result<Decision>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const found = findRequest(inventory, input.requestId);
  if (!found) return fail('requestNotFound');
  const action = REQUEST_KINDS[found.kind].action;
  const now = deps.clock.now();
  const supportId = newId('SR', now);
  const decided = await changeWithRecords<Decision>(
    deps,
    (followUp) =>
      changeAs<Decision>(
        deps,
        actor,
        action,
        (draft) => {
          rememberSettings(draft, actor.person.aadObjectId, seen(actor));
          if (!input.approve) {
            const declined = declineRequest(draft, input.requestId, actor.person, now, input.reason ?? '');
            return declined.ok ? ok({ kind: 'declined', request: declined.value }) : declined;
          }
          const grant = approveRequest(draft, input.requestId, actor.person, now, supportId);
          return grant.ok ? ok({ kind: 'approved', grant: grant.value }) : grant;
        },
        followUp,
      ),
    (decision) => {
      const request = decision.kind === 'approved' ? decision.grant.request : decision.request;
      const current = deps.inventory.current()!;
      const name = subject(current, request);
      const auditAction: AuditAction = decision.kind === 'approved' ? 'approveRequest' : 'declineRequest';
      const details = { request: request.id, requestKind: request.kind, requester: request.requester, ...(request.decided?.reason ? { reason: request.decided.reason } : {}) };
      return [...(decision.kind === 'approved' ? directRecords(actor, decision.grant, now) : []), { to: 'audit', entry: auditEntry(actor, auditAction, target(current, request, name), now, details) }];
    },
  );
  if (!decided.ok) return decided;
  const request = findRequest(deps.inventory.current()!, input.requestId)!;
  await queueAll(deps.notifier, [outcomeNotice(request)], keepUntil(request, deps.requestOptions));
  await markAsQueued(deps, request.id, 'outcome', now);
  return decided;
}

export interface RequestLists {
  mine: BenefitRequest[];
  /** Empty for a person who may decide none. */
  waiting: BenefitRequest[];
  inventory: Inventory;
}

/** A person's own requests and, to approvers, those waiting for them (anyone of the company). */
export function listRequests(deps: { inventory: Pick<AppDeps['inventory'], 'current'> }, actor: Actor): Result<RequestLists> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const me = readPersonById(inventory, actor.person.aadObjectId) ?? actor.person;
  return ok({ mine: requestsOf(inventory, me.aadObjectId), waiting: waitingFor(inventory, me), inventory });
}
