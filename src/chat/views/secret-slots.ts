import { randomBytes } from 'node:crypto';
import { escapeMarkdown } from '../../cards/markdown.js';

/**
 * A card whose texts are all fixed but a few secrets (a product's keys), rendered once with a slot
 * where each secret goes and kept (the frame, shared and frozen like every cached card), then filled
 * per answer: only the nodes on the way to a slot are copied, so the rest of the card keeps its cached
 * JSON bytes (toJsonBody). The secrets themselves are never kept: the frame holds only the slots.
 *
 * A slot is a text made of letters and digits alone (so the card's escaping leaves it as it is), and it
 * must be a whole text: the filled card is then exactly the card rendered with the secrets, each
 * escaped as renderCard escapes a text (escapeMarkdown). A frame whose slot is part of a longer text is
 * refused (`undefined`): the caller renders the card whole.
 */
export interface SlottedFrame<T> {
  frame: T;
  /** Objects and arrays of the frame with a slot somewhere inside. */
  holders: WeakSet<object>;
}

const SLOT = `SECRETSLOT${randomBytes(8).toString('hex')}N`;

/** The slot for the i-th secret. */
export const slot = (i: number): string => `${SLOT}${i}`;

/**
 * Marks where the slots are; `undefined` when one is not a whole text. `share` is told each largest
 * part without a slot (what every filled card shares as it is).
 */
export function frameOf<T>(frame: T, share: (part: object) => void = () => undefined): SlottedFrame<T> | undefined {
  const holders = new WeakSet<object>();
  let whole = true;
  const mark = (node: unknown): boolean => {
    if (typeof node === 'string') {
      if (!node.includes(SLOT)) return false;
      if (!/^\d+$/.test(node.slice(SLOT.length)) || !node.startsWith(SLOT)) whole = false;
      return true;
    }
    if (typeof node !== 'object' || node === null) return false;
    let has = false;
    for (const value of Object.values(node)) if (mark(value)) has = true;
    if (has) holders.add(node);
    return has;
  };
  mark(frame);
  if (!whole) return undefined;
  const shareUnder = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!holders.has(node)) return share(node);
    for (const value of Object.values(node)) shareUnder(value);
  };
  shareUnder(frame);
  return { frame, holders };
}

/** The frame with its slots filled by `secrets` (escaped as a card's text is); the frame is not changed. */
export function fill<T>({ frame, holders }: SlottedFrame<T>, secrets: readonly string[]): T {
  const copy = (node: unknown): unknown => {
    if (typeof node === 'string') return node.startsWith(SLOT) ? escapeMarkdown(secrets[Number(node.slice(SLOT.length))] ?? '') : node;
    if (typeof node !== 'object' || node === null || !holders.has(node)) return node;
    if (Array.isArray(node)) return node.map(copy);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = copy(value);
    return out;
  };
  return copy(frame) as T;
}
