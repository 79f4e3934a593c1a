import { renderCard, type AdaptiveCard } from '../../cards/templates.js';

/** A button of the confirmation: the verb it sends and the payload that goes with it. */
export interface ConfirmButton {
  title: string;
  data: { verb: string } & Record<string, unknown>;
}

export interface Confirmation {
  title: string;
  /** What the action is about (the package, its last refund day…). */
  facts: { title: string; value: string }[];
  /** What cannot be had back once it is done, one sentence a line. */
  lost: string[];
  question: string;
  /** Sends the same verb again with `confirmed: true`; the handler checks everything again. */
  confirm: ConfirmButton;
  back: ConfirmButton;
}

/**
 * Nothing irreversible in one click: the card asked in place of the one clicked, saying what would be
 * lost, with the action and a way back. The action's own button never carries `confirmed`.
 */
export function confirmCard(view: Confirmation): AdaptiveCard {
  return renderCard('confirm', {
    ...view,
    lost: view.lost.map((text) => ({ text })),
    confirm: { title: view.confirm.title, data: { ...view.confirm.data, confirmed: true } },
  });
}
