import { identify } from '../domain/identity.js';
import { pickPeople } from '../app/people/people.js';
import { actorOf, type ChatDeps, type PersonTurn } from './context.js';
import { errorSentence } from './refusals.js';
import type { IncomingTurn } from './turn.js';
import { PEOPLE_DATASET, personChoice } from './views/visual-studio-seat-card.js';

/**
 * A typeahead query of a card's Input.ChoiceSet (Teams: Data.Query, answered through the
 * `application/search` invoke). Channel-neutral: the bot layer maps the invoke to this and back.
 */
export interface SearchRequest {
  dataset: string;
  queryText: string;
  skip: number;
  top: number;
}

export type SearchReply =
  | { ok: true; results: { title: string; value: string }[] }
  | { ok: false; status: 400 | 403 | 404 | 500; message: string };

type SearchHandler = (ctx: PersonTurn, request: SearchRequest) => SearchReply;

const MAX_TOP = 50;

/** Every dataset a card's picker may name, one line each. */
export const SEARCHES: Record<string, SearchHandler> = {
  /** R5.2: the Assign user picker; R1.7: whoever manages people may look them up. */
  [PEOPLE_DATASET]: (ctx, request) => {
    const page = pickPeople(ctx.deps, ctx.actor, { text: request.queryText, skip: request.skip, top: request.top });
    if (!page.ok) return { ok: false, status: 403, message: errorSentence(ctx.turn.locale, page.error, ctx.turn.correlationId) };
    return { ok: true, results: page.value.people.map(personChoice) };
  },
};

/** Identity from the activity (R1.1), then the dataset's handler. */
export function runSearch(deps: ChatDeps, turn: IncomingTurn, request: SearchRequest): SearchReply {
  const inventory = deps.inventory.current();
  const found = identify(inventory, { aadObjectId: turn.aadObjectId, tenantId: turn.tenantId });
  if (!found.ok || !inventory) return { ok: false, status: 403, message: errorSentence(turn.locale, found.ok ? { code: 'notSetUp' } : found.error, turn.correlationId) };
  const handler = Object.hasOwn(SEARCHES, request.dataset) ? SEARCHES[request.dataset] : undefined;
  if (!handler) return { ok: false, status: 404, message: errorSentence(turn.locale, { code: 'unknownAction' }, turn.correlationId) };
  const bounded = { ...request, queryText: request.queryText.slice(0, 200), skip: Math.max(0, Math.floor(request.skip) || 0), top: Math.min(MAX_TOP, Math.max(1, Math.floor(request.top) || 15)) };
  return handler({ turn, deps, person: found.value, actor: actorOf(turn, found.value), inventory }, bounded);
}
