import { z } from 'zod';
import { authorize } from '../../domain/policy.js';
import { findKeyedBenefit, recordKeyReveal, type KeyedGroup, type KeyReveal } from '../../domain/keys-and-cloud.js';
import { changeWithRecords } from '../../app/follow-ups.js';
import type { CloudBenefit, SoftwareBenefit } from '../../domain/inventory.js';
import type { AuditAction } from '../../ports/audit-trail.js';
import { DeliveryError } from '../../ports/proactive-sender.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { forbidden, refuse } from '../refusals.js';
import { card, text, type TurnReply } from '../turn.js';
import { keysCard, type DownloadChoice } from '../views/keys-card.js';
import { currentList } from './current-list.js';

const id = z.string().trim().min(1).max(128);

/** Get keys on a software row (R3.2) or a license-based cloud row (R4.3). */
export const getKeysPayload = z.object({ benefitId: id }).loose();

/** R3.3: the language and OS chosen on the keys card (the card's Input.ChoiceSet values). */
export const downloadsPayload = z.object({ benefitId: id, language: z.string().trim().min(1).max(35), os: z.string().trim().min(1).max(35) }).loose();

const AUDIT_ACTION: Record<KeyedGroup, AuditAction> = { software: 'revealSoftwareKeys', cloud: 'revealCloudKeys' };

/**
 * Get keys (R3.2, R4.3), and the download links for a language and OS (R3.3), which show the keys
 * again. Only Global admin or MPN partner admin (R1.4). The first reveal activates the benefit (R3.4);
 * every reveal is audited. Keys never go into a group chat or channel: there they are sent to the
 * person's 1:1 chat with the bot, and the group is told so.
 */
export async function getKeys(ctx: PersonTurn, group: KeyedGroup, benefitId: string, choice?: DownloadChoice): Promise<TurnReply> {
  const { turn, deps, person } = ctx;
  const locale = turn.locale;
  const decision = authorize(person, 'revealSoftwareKeys', ctx.inventory.people);
  if (!decision.allowed) return forbidden(locale, decision);

  const found = findKeyedBenefit(ctx.inventory, group, benefitId);
  if (!found) return currentList(ctx, group, t(locale, 'error.notFound'));
  if ('kind' in found && found.kind === 'usageBased') return { messages: [text(t(locale, 'cloud.usageBasedNoKeys', { product: found.name }))] };
  if (choice && !offers(found, choice)) return { messages: [text(t(locale, 'keys.unknownChoice'))] };

  const inGroup = turn.conversation.type !== 'personal';
  const personalChat = inGroup ? deps.conversations.personalChatOf(person.aadObjectId) : undefined;
  if (inGroup && !personalChat) return { messages: [text(t(locale, 'keys.openPersonalChat'))] };

  // The reveal's audit line is kept with the activation it makes (one write), then written before the
  // keys leave the bot: no reveal goes unrecorded, and no crash leaves an activation without its line.
  const now = deps.clock.now();
  const revealed = await changeWithRecords<KeyReveal>(
    deps,
    (followUp) => deps.inventory.transact((inventory) => recordKeyReveal(inventory, group, benefitId, person, now), followUp),
    ({ benefit, activatedNow }) => [
      {
        to: 'audit',
        entry: {
          at: now.toISOString(),
          action: AUDIT_ACTION[group],
          actor: { aadObjectId: person.aadObjectId, name: person.name },
          target: { kind: group, id: benefit.id, name: benefit.name },
          where: { conversationId: turn.conversation.id, conversationType: turn.conversation.type },
          details: {
            keyCount: benefit.keys.length,
            activated: activatedNow,
            ...(inGroup ? { sentToPersonalChat: true } : {}),
            ...(choice ? { language: choice.language, os: choice.os } : {}),
          },
        },
      },
    ],
  );
  if (!revealed.ok) return refuse(locale, revealed.error, turn.correlationId);
  const { benefit, activatedNow } = revealed.value;

  deps.logger?.info({ correlationId: turn.correlationId, action: AUDIT_ACTION[group], benefitId: benefit.id, actor: person.aadObjectId, conversationType: turn.conversation.type, activatedNow }, 'product keys revealed');

  const keys = keysCard(locale, {
    group,
    benefit,
    keys: benefit.keys.map((sealed) => deps.sealer.open(sealed)),
    inventory: deps.inventory.current() ?? ctx.inventory,
    activatedNow,
    ...(choice ? { choice } : {}),
  });
  if (!inGroup || !personalChat) return { card: keys };

  try {
    await deps.sender.send(personalChat, [card(keys)]);
  } catch (error) {
    // Only the status and code: a connector error may echo the request, and the request holds the keys.
    const failure = error instanceof DeliveryError ? { status: error.status, code: error.code } : { status: 'unknown' };
    deps.logger?.warn({ correlationId: turn.correlationId, ...failure }, 'keys not delivered to the personal chat');
    return { messages: [text(t(locale, 'keys.deliveryFailed', { correlationId: turn.correlationId }))] };
  }
  const list = currentList(ctx, group, t(locale, 'keys.sentToPersonal', { product: benefit.name }), benefit.id);
  return { ...list, messages: [text(t(locale, 'keys.sentToPersonalGroup', { name: person.name, product: benefit.name }))] };
}

function offers(benefit: SoftwareBenefit | CloudBenefit, choice: DownloadChoice): boolean {
  const downloads = 'downloads' in benefit ? benefit.downloads : [];
  return downloads.some((d) => d.language === choice.language) && downloads.some((d) => d.os === choice.os);
}
