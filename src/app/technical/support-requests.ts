import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/errors.js';
import type { TechnicalBenefit } from '../../domain/inventory.js';
import { canRequestSupport, fileSupportRequest, findTechnical, type ProductKind, type SupportRequest } from '../../domain/technical.js';
import { allow, auditEntry, changeAs, type Actor, type AppDeps } from '../use-case.js';
import { changeWithRecords } from '../follow-ups.js';

/** How many requests a list shows, newest first. */
const LIST_LIMIT = 20;

/** R6.4: the benefit whose support request form is opened; refused before activation and once nothing is left. */
export function supportRequestForm(deps: AppDeps, actor: Actor, input: { benefitId: string }): Result<TechnicalBenefit> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'requestSupport', inventory);
  if (!allowed.ok) return allowed;
  const benefit = findTechnical(inventory, input.benefitId);
  if (!benefit) return fail('notFound');
  return canRequestSupport(benefit);
}

export interface SupportRequestInput {
  benefitId: string;
  productKind?: ProductKind;
  description: string;
}

export interface FiledSupportRequest {
  request: SupportRequest;
  /** The benefit's requests now, newest first, the new one among them. */
  requests: SupportRequest[];
}

function requestId(now: Date): string {
  return `SR-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

/**
 * R6.3–R6.5: files a support request. The incident it uses is counted in the same transaction that checks
 * the role and what is left, so two requests at once cannot both take the last incident. It carries the
 * Access ID and Contract ID where the product needs them (R6.5). Logged, then audited; both records are
 * kept with the incident's change until written, so a crash cannot leave an incident used unexplained.
 */
export async function submitSupportRequest(deps: AppDeps, actor: Actor, input: SupportRequestInput): Promise<Result<FiledSupportRequest>> {
  const now = deps.clock.now();
  const result = await changeWithRecords<SupportRequest>(
    deps,
    (followUp) => changeAs(deps, actor, 'requestSupport', (inventory) => fileSupportRequest(inventory, input, actor.person, now, requestId(now)), followUp),
    (request) => [
      { to: 'supportRequests', request },
      {
        to: 'audit',
        entry: auditEntry(actor, 'requestSupport', { kind: 'technical', id: request.benefitId, name: request.benefitName }, now, {
          request: request.id,
          supportKind: request.supportKind,
          ...(request.productKind ? { productKind: request.productKind } : {}),
          idsIncluded: Boolean(request.accessId),
        }),
      },
    ],
  );
  if (!result.ok) return result;
  const request = result.value;
  const requests = await deps.supportRequests.list({ benefitId: request.benefitId, limit: LIST_LIMIT });
  return ok({ request, requests });
}

export interface SupportRequestList {
  /** Set when the list is of one benefit's requests. */
  benefit?: TechnicalBenefit;
  requests: SupportRequest[];
}

/** R6.3: the support requests filed, newest first: all of them, or one benefit's. Anyone with access to benefits (R1.1). */
export async function listSupportRequests(deps: AppDeps, actor: Actor, input: { benefitId?: string } = {}): Promise<Result<SupportRequestList>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'viewBenefits', inventory);
  if (!allowed.ok) return allowed;
  const benefit = input.benefitId ? findTechnical(inventory, input.benefitId) : undefined;
  if (input.benefitId && !benefit) return fail('notFound');
  const requests = await deps.supportRequests.list({ ...(benefit ? { benefitId: benefit.id } : {}), limit: LIST_LIMIT });
  return ok({ ...(benefit ? { benefit } : {}), requests });
}
