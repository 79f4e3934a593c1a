import type { Inventory, Person, TechnicalBenefit, TechnicalKind } from './inventory.js';
import { fail, ok, type Result } from './errors.js';

/** R6.4: the two kinds of support a technical benefit gives. */
export type SupportKind = 'breakFix' | 'presalesDeployment';

/** The product a break-fix request is about (R6.4, R6.5). */
export const PRODUCT_KINDS = ['cloud', 'onPremises', 'azureNonCsp', 'dynamics'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** R6.5: requests about these products carry the Access ID and Contract ID. */
export const IDS_REQUIRED_FOR: readonly ProductKind[] = ['onPremises', 'azureNonCsp', 'dynamics'];

/**
 * R6.4: which products each support benefit covers. Signature Product Support is for cloud products
 * (Azure and Dynamics 365 among them); Product Support incidents for recent on-premises products
 * (Dynamics on-premises among them); presales and deployment advice is not about a broken product.
 */
export const COVERED_PRODUCTS: Record<TechnicalKind, readonly ProductKind[]> = {
  signatureProductSupport: ['cloud', 'azureNonCsp', 'dynamics'],
  productSupportIncidents: ['onPremises', 'dynamics'],
  presalesDeployment: [],
};

export function supportKindOf(kind: TechnicalKind): SupportKind {
  return kind === 'presalesDeployment' ? 'presalesDeployment' : 'breakFix';
}

export function findTechnical(inventory: Inventory, benefitId: string): TechnicalBenefit | undefined {
  return inventory.benefits.technical.find((b) => b.id === benefitId);
}

/**
 * R6.2 (with R2.2): a first use of a support benefit asks for activation; it is pending until the back
 * office has processed it ("allow a few days"). A membership still in PMC cannot activate here.
 * Mutates only when it returns ok.
 */
export function requestTechnicalActivation(inventory: Inventory, benefitId: string, person: Person, now: Date): Result<TechnicalBenefit> {
  const benefit = findTechnical(inventory, benefitId);
  if (!benefit) return fail('notFound');
  if (inventory.organization.managedInPmc) return fail('managedInPmc');
  if (benefit.activation?.state === 'pending') return fail('activationPending', { name: benefit.name });
  if (benefit.activation?.state === 'active') return fail('alreadyActive', { name: benefit.name });
  benefit.activation = { state: 'pending', requested: { by: person.aadObjectId, at: now.toISOString() } };
  return ok(benefit);
}

export interface TechnicalFulfilment {
  accessId: string;
  contractId: string;
}

export interface CompletedActivation {
  benefit: TechnicalBenefit;
  /** False when the same completion had already been applied (a repeat is harmless). */
  changed: boolean;
  requestedBy: string;
}

/**
 * R6.3: processing done, the benefit is active and shows its Access ID and Contract ID. Idempotent: the
 * same IDs again change nothing; other IDs for an active benefit are a conflict. Mutates only on ok.
 */
export function completeTechnicalActivation(inventory: Inventory, benefitId: string, ids: TechnicalFulfilment, now: Date): Result<CompletedActivation> {
  const benefit = findTechnical(inventory, benefitId);
  if (!benefit) return fail('notFound');
  const a = benefit.activation;
  if (!a) return fail('notActivated', { name: benefit.name });
  if (a.state === 'active') {
    if (a.accessId === ids.accessId && a.contractId === ids.contractId) return ok({ benefit, changed: false, requestedBy: a.requested.by });
    return fail('activationConflict', { name: benefit.name });
  }
  benefit.activation = { ...a, state: 'active', completedAt: now.toISOString(), accessId: ids.accessId, contractId: ids.contractId };
  return ok({ benefit, changed: true, requestedBy: a.requested.by });
}

/** What remains of a benefit: incidents (break-fix) or hours (presales and deployment). */
export function remaining(benefit: TechnicalBenefit): { incidents?: number; hours?: number } {
  return {
    ...(benefit.incidents ? { incidents: benefit.incidents.total - benefit.incidents.used } : {}),
    ...(benefit.hours ? { hours: benefit.hours.total - benefit.hours.used } : {}),
  };
}

/** R6.3–R6.5: may a support request be filed on this benefit now? (Before the person fills the form.) */
export function canRequestSupport(benefit: TechnicalBenefit): Result<TechnicalBenefit> {
  if (benefit.activation?.state !== 'active') return fail('notActivated', { name: benefit.name });
  const left = remaining(benefit);
  if (left.incidents !== undefined && left.incidents <= 0) return fail('noIncidentsLeft', { name: benefit.name });
  if (left.hours !== undefined && left.hours <= 0) return fail('noHoursLeft', { name: benefit.name });
  return ok(benefit);
}

export interface SupportRequestDraft {
  benefitId: string;
  productKind?: ProductKind;
  description: string;
}

/** A support request as recorded: what it is about and, where R6.5 requires them, the IDs. */
export interface SupportRequest {
  id: string;
  at: string;
  benefitId: string;
  benefitName: string;
  supportKind: SupportKind;
  productKind?: ProductKind;
  description: string;
  requester: { aadObjectId: string; name: string };
  accessId?: string;
  contractId?: string;
}

/**
 * R6.4, R6.5: files a support request on an active benefit. A break-fix request names a product the
 * benefit covers and uses one incident; a request about an on-premises, Azure (non-CSP) or Dynamics
 * product carries the Access ID and Contract ID. Mutates (the incident count) only when it returns ok.
 */
export function fileSupportRequest(inventory: Inventory, draft: SupportRequestDraft, person: Person, now: Date, id: string): Result<SupportRequest> {
  const benefit = findTechnical(inventory, draft.benefitId);
  if (!benefit) return fail('notFound');
  const allowed = canRequestSupport(benefit);
  if (!allowed.ok) return allowed;
  const description = draft.description.trim();
  if (!description) return fail('descriptionMissing');
  const supportKind = supportKindOf(benefit.kind);
  let productKind: ProductKind | undefined;
  if (supportKind === 'breakFix') {
    if (!draft.productKind) return fail('productKindMissing');
    if (!COVERED_PRODUCTS[benefit.kind].includes(draft.productKind)) return fail('productKindNotCovered', { name: benefit.name });
    productKind = draft.productKind;
  }
  const a = benefit.activation!;
  const needsIds = productKind !== undefined && IDS_REQUIRED_FOR.includes(productKind);
  if (needsIds && (!a.accessId || !a.contractId)) return fail('notActivated', { name: benefit.name });
  if (supportKind === 'breakFix' && benefit.incidents) benefit.incidents = { ...benefit.incidents, used: benefit.incidents.used + 1 };
  return ok({
    id,
    at: now.toISOString(),
    benefitId: benefit.id,
    benefitName: benefit.name,
    supportKind,
    ...(productKind ? { productKind } : {}),
    description,
    requester: { aadObjectId: person.aadObjectId, name: person.name },
    ...(needsIds ? { accessId: a.accessId!, contractId: a.contractId! } : {}),
  });
}
