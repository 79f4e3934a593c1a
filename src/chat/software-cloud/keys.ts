import type { KeyedGroup } from '../../domain/keys-and-cloud.js';
import { keysToReveal, revealKeys, type DownloadChoice } from '../../app/software-cloud/keys.js';
import { DeliveryError } from '../../ports/proactive-sender.js';
import { t } from '../../i18n/index.js';
import type { PersonTurn } from '../context.js';
import { card, text, type TurnReply } from '../turn.js';
import { keysCard, refundLossCard } from '../views/keys-card.js';
import { currentList, refuseInList } from './current-list.js';

/**
 * Get keys (R3.2, R4.3), and the download links for a language and OS (R3.3), which show the keys
 * again. Keys never go into a group chat or channel: there they are sent to the person's 1:1 chat
 * with the bot, and the group is told so. Where they would go is decided before the reveal, so that
 * with no 1:1 chat to send them to nothing is activated or recorded.
 */
export async function getKeys(ctx: PersonTurn, group: KeyedGroup, benefitId: string, choice?: DownloadChoice, confirmed = false): Promise<TurnReply> {
  const { turn, deps, person } = ctx;
  const locale = turn.locale;
  const request = { group, benefitId, ...(choice ? { choice } : {}), ...(confirmed ? { confirmed } : {}) };
  const may = keysToReveal(deps, ctx.actor, request);
  if (!may.ok) return refuseInList(ctx, group, may.error);
  // R8.1: the first reveal forfeits a refund still open: asked first, in the card, never in one click.
  if (may.value.refundAtStake && !confirmed) return { card: refundLossCard(locale, group, may.value.benefit, may.value.refundAtStake) };

  const inGroup = turn.conversation.type !== 'personal';
  const personalChat = inGroup ? deps.conversations.personalChatOf(person.aadObjectId) : undefined;
  if (inGroup && !personalChat) return { messages: [text(t(locale, 'keys.openPersonalChat'))] };

  const revealed = await revealKeys(deps, ctx.actor, { ...request, ...(inGroup ? { sentToPersonalChat: true } : {}) });
  if (!revealed.ok) {
    const atStake = revealed.error.code === 'confirmationNeeded' ? keysToReveal(deps, ctx.actor, request) : undefined;
    if (atStake?.ok && atStake.value.refundAtStake) return { card: refundLossCard(locale, group, atStake.value.benefit, atStake.value.refundAtStake) };
    return refuseInList(ctx, group, revealed.error);
  }
  const { benefit, keys, activatedNow } = revealed.value;
  const action = group === 'software' ? 'revealSoftwareKeys' : 'revealCloudKeys';
  deps.logger?.info({ correlationId: turn.correlationId, action, benefitId: benefit.id, actor: person.aadObjectId, conversationType: turn.conversation.type, activatedNow }, 'product keys revealed');

  const keysView = keysCard(locale, {
    group,
    benefit,
    keys,
    inventory: deps.inventory.current() ?? ctx.inventory,
    activatedNow,
    // The same reading of R8.1 as the cancellation list: only a software refund still open is lost.
    ...(activatedNow && may.value.refundAtStake ? { refundLost: may.value.refundAtStake } : {}),
    ...(choice ? { choice } : {}),
  });
  if (!inGroup || !personalChat) return { card: keysView };

  try {
    await deps.sender.send(personalChat, [card(keysView)]);
  } catch (error) {
    // Only the status and code: a connector error may echo the request, and the request holds the keys.
    const failure = error instanceof DeliveryError ? { status: error.status, code: error.code } : { status: 'unknown' };
    deps.logger?.warn({ correlationId: turn.correlationId, ...failure }, 'keys not delivered to the personal chat');
    return { messages: [text(t(locale, 'keys.deliveryFailed', { correlationId: turn.correlationId }))] };
  }
  const list = currentList(ctx, group, t(locale, 'keys.sentToPersonal', { product: benefit.name }), benefit.id);
  return { ...list, messages: [text(t(locale, 'keys.sentToPersonalGroup', { name: person.name, product: benefit.name }))] };
}
