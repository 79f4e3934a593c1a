import { randomBytes } from 'node:crypto';
import { findPackage, refundEligibility, type CancellationRequest, type RefundEligibility } from '../../domain/cancellation.js';
import { fail, ok, type DomainError, type Result } from '../../domain/errors.js';
import type { BenefitPackage, Inventory } from '../../domain/inventory.js';
import { allow, record, type Actor, type AppDeps } from '../use-case.js';

/** The newest requests a list or the options card reads. */
const LIST_LIMIT = 50;

/** One benefit package, whether a refund is possible today (R8.1), and the request filed for it, if any (R8.2). */
export interface PackageOption {
  eligibility: RefundEligibility;
  request?: CancellationRequest;
}

/** R8.1 for every package of `inventory` on the day of `now`, with the requests already filed. */
export function cancellationOptionsOf(inventory: Inventory, now: Date, filed: readonly CancellationRequest[]): PackageOption[] {
  return inventory.organization.packages.map((pkg) => {
    const request = filed.find((r) => r.packageId === pkg.id);
    return { eligibility: refundEligibility(inventory, pkg, now), ...(request ? { request } : {}) };
  });
}

/** `cancel`: each package with whether it can be cancelled with a refund today and why not (R8.1); cancelPackage (R1.4). */
export async function cancellationOptions(deps: AppDeps, actor: Actor): Promise<Result<PackageOption[]>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'cancelPackage', inventory);
  if (!allowed.ok) return allowed;
  const filed = await deps.cancellations.list({ limit: LIST_LIMIT });
  return ok(cancellationOptionsOf(inventory, deps.clock.now(), filed));
}

/**
 * R8.2: the service request form of one package, only while a refund is possible (R8.1) and nobody has
 * requested it yet. A refusal names the package (`packageId`) so that it can be explained.
 */
export async function cancellationForm(deps: AppDeps, actor: Actor, input: { packageId: string }): Promise<Result<RefundEligibility>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'cancelPackage', inventory);
  if (!allowed.ok) return allowed;
  const pkg = findPackage(inventory, input.packageId);
  if (!pkg) return fail('packageNotFound');
  const [existing] = await deps.cancellations.list({ packageId: pkg.id, limit: 1 });
  if (existing) return { ok: false, error: alreadyRequested(existing) };
  const eligibility = refundEligibility(inventory, pkg, deps.clock.now());
  return eligibility.eligible ? ok(eligibility) : fail('refundNotPossible', { packageId: pkg.id });
}

export interface FiledCancellation {
  request: CancellationRequest;
  package: BenefitPackage;
}

/**
 * R8.1, R8.2: request cancellation with a refund. Checked again now (the day may have changed since the
 * form was shown); eligible → one service request per package: of two admins pressing at once, one files
 * it and the other is told it was already requested (the log checks and writes as one step). Audited.
 * The inventory is not changed: the request goes to Microsoft.
 */
export async function requestCancellation(deps: AppDeps, actor: Actor, input: { packageId: string; reason?: string }): Promise<Result<FiledCancellation>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'cancelPackage', inventory);
  if (!allowed.ok) return allowed;
  const now = deps.clock.now();
  const pkg = findPackage(inventory, input.packageId);
  if (!pkg) return fail('packageNotFound');
  const eligibility = refundEligibility(inventory, pkg, now);
  if (!eligibility.eligible) return fail('refundNotPossible', { packageId: pkg.id });
  const request: CancellationRequest = {
    id: requestId(now),
    at: now.toISOString(),
    packageId: pkg.id,
    program: pkg.program,
    ...(pkg.competency ? { competency: pkg.competency } : {}),
    purchasedOn: pkg.purchasedOn,
    refundLastDay: eligibility.lastDay,
    requester: { aadObjectId: actor.person.aadObjectId, name: actor.person.name },
    reason: (input.reason ?? '').trim(),
    status: 'submitted',
  };
  const filed = await deps.cancellations.fileOnce(request);
  if (!filed.created) return { ok: false, error: alreadyRequested(filed.existing) };
  await record(deps, actor, 'requestCancellation', { kind: 'package', id: pkg.id, name: packageRecordName(pkg) }, {
    request: request.id,
    purchasedOn: pkg.purchasedOn,
    refundLastDay: eligibility.lastDay,
    daysSincePurchase: eligibility.daysSincePurchase,
  });
  return ok({ request, package: pkg });
}

/** `cancellation requests`: the service requests filed (R8.2), newest first; anyone with access to benefits (R1.1). */
export async function listCancellationRequests(deps: AppDeps, actor: Actor): Promise<Result<CancellationRequest[]>> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'viewBenefits', inventory);
  if (!allowed.ok) return allowed;
  return ok(await deps.cancellations.list({ limit: LIST_LIMIT }));
}

/** R8.2: the request already filed for the package: which, by whom, when. */
function alreadyRequested(existing: CancellationRequest): DomainError {
  return { code: 'cancellationAlreadyRequested', params: { packageId: existing.packageId, id: existing.id, by: existing.requester.name, date: existing.at } };
}

function requestId(now: Date): string {
  return `CR-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

const PROGRAM_NAMES: Record<BenefitPackage['program'], string> = { actionPack: 'Microsoft Action Pack', silver: 'Silver', gold: 'Gold' };

/**
 * The package as the audit trail records it: Partner Center's product name, which is the same in every
 * language (the audit trail is read by admins of either language, and a record must not change with them).
 */
export function packageRecordName(pkg: BenefitPackage): string {
  return pkg.program === 'actionPack' ? PROGRAM_NAMES.actionPack : `${PROGRAM_NAMES[pkg.program]}: ${pkg.competency ?? ''}`;
}
