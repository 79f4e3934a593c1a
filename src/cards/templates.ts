import { readFileSync } from 'node:fs';
import type * as ACData from 'adaptivecards-templating';
import { projectPath } from '../lib/paths.js';
import { escapeCardText } from './markdown.js';
import { requireCommonJs } from '../lib/commonjs.js';

/** An Adaptive Card as JSON, ready to send. */
import type { AdaptiveCard } from '../ports/proactive-sender.js';

const { Template } = requireCommonJs('adaptivecards-templating') as typeof ACData;

export type { AdaptiveCard };

export const CARD_NAMES = ['overview', 'benefit-list', 'help', 'welcome', 'visual-studio-seat', 'people', 'person', 'add-person', 'notification', 'support-request', 'product-keys', 'audit-trail', 'marketing-contact', 'cancellation-request', 'benefit-request', 'request-form', 'request-list', 'digest', 'confirm'] as const;
export type CardName = (typeof CARD_NAMES)[number];

const cache = new Map<string, ACData.Template>();

/** One Template per file, reused: a new Template per expansion costs ~25x more (NOTES.md). */
function template(name: string): ACData.Template {
  let tpl = cache.get(name);
  if (!tpl) {
    tpl = new Template(JSON.parse(readFileSync(projectPath('cards', `${name}.json`), 'utf8')));
    cache.set(name, tpl);
  }
  return tpl;
}

/**
 * Binds data to a template of `cards/`. Values are bound as data, never spliced into JSON text, so a
 * name such as `"}` or `${x}` arrives in the card as the literal text it is; and every text a person
 * reads is escaped, so a name such as `[x](https://…)` is no link (src/cards/markdown.ts).
 */
/** A property whose object a `$when` left out expands to null: left out of the card, as Teams expects. */
function dropNulls(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(dropNulls);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value === null) delete (node as Record<string, unknown>)[key];
      else dropNulls(value);
    }
  }
  return node;
}

export function renderCard(name: string, data: object): AdaptiveCard {
  const card = dropNulls(template(name).expand({ $root: data })) as AdaptiveCard;
  delete (card as Record<string, unknown>)['$schema'];
  // Names, descriptions and reasons people typed are in these texts: none may become markdown.
  return escapeCardText(card);
}
