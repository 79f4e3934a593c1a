import { fail, ok, type Result } from '../../domain/errors.js';
import type { CloudBenefit, Inventory, SoftwareBenefit } from '../../domain/inventory.js';
import { readKeyedBenefit, recordKeyReveal, refundAtStake, type KeyedGroup, type KeyReveal } from '../../domain/keys-and-cloud.js';
import type { RefundEligibility } from '../../domain/cancellation.js';
import type { AuditAction } from '../../ports/audit-trail.js';
import { allow, auditEntry, changeAs, type Actor, type AppDeps } from '../use-case.js';
import { changeWithRecords } from '../follow-ups.js';

export type KeyedBenefit = SoftwareBenefit | CloudBenefit;

/** R3.3: the language and OS a person chose for the download links. */
export interface DownloadChoice {
  language: string;
  os: string;
}

export interface KeysRequest {
  group: KeyedGroup;
  benefitId: string;
  choice?: DownloadChoice;
  /** The person was shown the refund this reveal forfeits (R8.1) and went on. */
  confirmed?: boolean;
}

/** What a reveal would do, asked before it is done: the benefit, and the refund it would forfeit (R3.4, R8.1). */
export interface RevealPreview {
  benefit: KeyedBenefit;
  refundAtStake?: RefundEligibility;
}

export interface RevealedKeys {
  benefit: KeyedBenefit;
  /** In the clear: only the card shown to the person may carry them, never a log line or a record. */
  keys: string[];
  /** R3.4: this reveal was the first, and activated the benefit. */
  activatedNow: boolean;
}

const AUDIT_ACTION: Record<KeyedGroup, AuditAction> = { software: 'revealSoftwareKeys', cloud: 'revealCloudKeys' };

/** R3.3: a choice is one the product is offered in, so a forged one gets no card and no record. */
function offers(benefit: KeyedBenefit, choice: DownloadChoice): boolean {
  const downloads = 'downloads' in benefit ? benefit.downloads : [];
  return downloads.some((d) => d.language === choice.language) && downloads.some((d) => d.os === choice.os);
}

/** R3.2, R4.2, R4.3: the benefit whose keys may be shown, or why not; nothing is changed. */
function revealable(inventory: Inventory, request: KeysRequest): Result<KeyedBenefit> {
  const benefit = readKeyedBenefit(inventory, request.group, request.benefitId);
  if (!benefit) return fail('notFound');
  if ('kind' in benefit && benefit.kind === 'usageBased') return fail('usageBasedNoKeys', { product: benefit.name });
  if (request.choice && !offers(benefit, request.choice)) return fail('downloadNotOffered');
  return ok(benefit);
}

/**
 * R1.4, R3.2, R4.3: whether the actor may see these keys, asked before the presenter chooses where
 * they would go; reveals, activates and records nothing.
 */
export function keysToReveal(deps: AppDeps, actor: Actor, request: KeysRequest): Result<RevealPreview> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, 'revealSoftwareKeys', inventory);
  if (!allowed.ok) return allowed;
  const benefit = revealable(inventory, request);
  if (!benefit.ok) return benefit;
  const atStake = refundAtStake(inventory, benefit.value, deps.clock.now());
  return ok({ benefit: benefit.value, ...(atStake ? { refundAtStake: atStake } : {}) });
}

/**
 * Get keys (R3.2, R4.3) and the download links of a choice (R3.3), which show the keys again. Only
 * Global admin or MPN partner admin (R1.4). The first reveal activates the benefit with who and when
 * (R3.4) in the same transaction as the role check, so two clicks at once activate it once. Every
 * reveal is recorded, and durably, before the opened keys are handed back: none goes unrecorded.
 * `sentToPersonalChat`: the keys go to the person's 1:1 chat rather than where they asked.
 */
export async function revealKeys(deps: AppDeps, actor: Actor, request: KeysRequest & { sentToPersonalChat?: boolean }): Promise<Result<RevealedKeys>> {
  const now = deps.clock.now();
  const { choice } = request;
  // Opened inside the change, before anything is recorded: keys the sealer cannot open (a lost or
  // replaced encryption key) activated the benefit (refund gone, R8.1) and recorded a reveal, then failed.
  let opened: string[] = [];
  // The reveal's audit line is kept with the activation it makes (one journal line), then written before
  // the keys leave the bot: no reveal goes unrecorded, and no crash leaves an activation without its line.
  const revealed = await changeWithRecords<KeyReveal>(
    deps,
    (followUp) =>
      changeAs(
        deps,
        actor,
        'revealSoftwareKeys',
        (inventory) => {
          const benefit = revealable(inventory, request);
          if (!benefit.ok) return benefit;
          // Nothing irreversible in one click: the refund is forfeited only once the person was told (R8.1).
          const atStake = refundAtStake(inventory, benefit.value, now);
          if (atStake && !request.confirmed) return fail('confirmationNeeded', { packageId: atStake.package.id });
          const keys = openAll(deps, benefit.value);
          if (!keys.ok) return keys;
          opened = keys.value;
          return recordKeyReveal(inventory, request.group, request.benefitId, actor.person, now);
        },
        followUp,
      ),
    // A product without keys reveals nothing: no line says it did (R3.4).
    ({ benefit, activatedNow }) => benefit.keys.length === 0 ? [] : [
      {
        to: 'audit',
        entry: auditEntry(actor, AUDIT_ACTION[request.group], { kind: request.group, id: benefit.id, name: benefit.name }, now, {
          keyCount: benefit.keys.length,
          activated: activatedNow,
          ...(request.sentToPersonalChat ? { sentToPersonalChat: true } : {}),
          ...(choice ? { language: choice.language, os: choice.os } : {}),
        }),
      },
    ],
  );
  if (!revealed.ok) return revealed;
  const { benefit, activatedNow } = revealed.value;
  return ok({ benefit, keys: opened, activatedNow });
}

/** Every key of the benefit in the clear, or `keysUnreadable` (the log of the caller says no more: no key). */
function openAll(deps: AppDeps, benefit: KeyedBenefit): Result<string[]> {
  try {
    return ok(benefit.keys.map((sealed) => deps.sealer.open(sealed)));
  } catch {
    return fail('keysUnreadable', { product: benefit.name });
  }
}
