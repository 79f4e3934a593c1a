import { findPerson, identify } from '../domain/identity.js';
import type { Logger } from '../observability/logger.js';
import { parseCommand } from './commands.js';
import { actorOf, type ChatDeps, type PersonTurn } from './context.js';
import { errorSentence, refusalCode, refuse } from './refusals.js';
import { inTurnSpan } from '../observability/telemetry.js';
import { card, type IncomingTurn, type TurnReply } from './turn.js';
import { helpCard, welcomeCard } from './views/help-card.js';
import { runSearch, type SearchReply, type SearchRequest } from './searches.js';
import { COMMANDS, OPEN_TO_ANYONE, VERBS } from './areas.js';
import { inTimeZone } from '../i18n/time-zone.js';
import { watchWrites, type TurnWrites } from './turn-writes.js';

/**
 * text command or card verb → identity (R1.1) → handler. Unknown text gets help, an unknown verb a
 * typed refusal: never silence.
 */
export class ChatRouter {
  constructor(
    private readonly deps: ChatDeps,
    private readonly logger: Logger,
  ) {}

  /** Every turn passes here, whichever adapter brought it: its span (kind, verb, outcome, latency) is here too. */
  handle(turn: IncomingTurn): Promise<TurnReply> {
    // Every date and time of the answer reads in the person's time zone (src/i18n/time-zone.ts).
    return inTimeZone(turn.timeZone, () => this.answer(turn));
  }

  private answer(turn: IncomingTurn): Promise<TurnReply> {
    const verb = turn.kind === 'action' ? (turn.action && Object.hasOwn(VERBS, turn.action.verb) ? turn.action.verb : '(unknown)') : undefined;
    let failed = false;
    const facts = { kind: turn.kind, verb, correlationId: turn.correlationId, conversationType: turn.conversation.type };
    return inTurnSpan(facts, async () => {
      const writes: TurnWrites = { saved: false };
      try {
        // Before anything reads the inventory: what another instance committed is seen here too.
        await Promise.all([this.deps.inventory.refresh(), this.deps.conversations.refresh?.(), this.deps.cancellations.refresh?.()]);
        return await this.route(turn, writes);
      } catch (error) {
        failed = true;
        this.logger.error({ err: error, correlationId: turn.correlationId, kind: turn.kind, verb: turn.action?.verb, saved: writes.saved }, 'turn failed');
        // A failure after a change was saved (its audit line, its card) must not say that nothing changed.
        return refuse(turn.locale, { code: writes.saved ? 'internalAfterChange' : 'internal' }, turn.correlationId);
      }
    }, (reply) => {
      const code = refusalCode(reply);
      return { outcome: failed ? 'failed' : code ? 'refused' : 'answered', ...(code ? { code } : {}) };
    });
  }

  private async route(turn: IncomingTurn, writes: TurnWrites): Promise<TurnReply> {
    if (turn.kind === 'installed') return { card: welcomeCard(turn.locale) };
    if (turn.kind === 'action') return this.routeVerb(turn, writes);

    const raw = turn.text ?? '';
    const command = parseCommand(raw);
    const handler = command && Object.hasOwn(COMMANDS, command.name) ? COMMANDS[command.name] : undefined;
    if (!command || !handler) {
      const company = this.sameTenantCompany(turn);
      return { messages: [card(helpCard(turn.locale, company, command ? undefined : raw.trim()))] };
    }
    return this.asPerson(turn, writes, (ctx) => handler(ctx, command), OPEN_TO_ANYONE.has(command.name));
  }

  private async routeVerb(turn: IncomingTurn, writes: TurnWrites): Promise<TurnReply> {
    const action = turn.action;
    const route = action ? VERBS[action.verb] : undefined;
    return this.asPerson(turn, writes, (ctx) => {
      if (!route || !action || !Object.hasOwn(VERBS, action.verb)) {
        this.logger.warn({ correlationId: turn.correlationId, verb: String(action?.verb).slice(0, 64) }, 'unknown card verb');
        return refuse(turn.locale, { code: 'unknownAction' }, turn.correlationId);
      }
      const parsed = route.payload.safeParse(action.data ?? {});
      if (!parsed.success) {
        this.logger.warn({ correlationId: turn.correlationId, verb: action.verb, issues: parsed.error.issues.map((i) => i.path.join('.') + ': ' + i.code) }, 'invalid card payload');
        return refuse(turn.locale, { code: 'invalidPayload' }, turn.correlationId);
      }
      return route.handle(ctx, parsed.data);
    }, Boolean(action && OPEN_TO_ANYONE.has(action.verb) && Object.hasOwn(VERBS, action.verb)));
  }

  /** A card picker's typeahead query (Data.Query), for the datasets of src/chat/searches.ts. */
  search(turn: IncomingTurn, request: SearchRequest): SearchReply {
    try {
      return runSearch(this.deps, turn, request);
    } catch (error) {
      this.logger.error({ err: error, correlationId: turn.correlationId, dataset: request.dataset.slice(0, 64) }, 'search failed');
      return { ok: false, status: 500, message: errorSentence(turn.locale, { code: 'internal' }, turn.correlationId) };
    }
  }

  /**
   * Runs `handler` for a known person with a role; everyone else gets a polite refusal (R1.1, R1.6).
   * `openToAnyone`: a person of the company with no role is let through too (asking for a benefit).
   */
  private async asPerson(turn: IncomingTurn, writes: TurnWrites, handler: (ctx: PersonTurn) => TurnReply | Promise<TurnReply>, openToAnyone = false): Promise<TurnReply> {
    const inventory = this.deps.inventory.current();
    let found = identify(inventory, { aadObjectId: turn.aadObjectId, tenantId: turn.tenantId });
    const member = openToAnyone && !found.ok && found.error.code === 'noRole' && inventory && turn.aadObjectId ? findPerson(inventory, turn.aadObjectId) : undefined;
    if (member) found = { ok: true, value: member };
    if (!found.ok || !inventory) {
      this.logger.info({ correlationId: turn.correlationId, code: found.ok ? 'notSetUp' : found.error.code }, 'turn refused');
      return refuse(turn.locale, found.ok ? { code: 'notSetUp' } : found.error, turn.correlationId);
    }
    const deps = watchWrites(this.deps, writes);
    // `inventory` is read live: after a change, the handler shows the state the change produced (the
    // store replaces its frozen state object on every change).
    const person = found.value;
    return handler({
      turn,
      deps,
      person,
      actor: actorOf(turn, person),
      get inventory() {
        return deps.inventory.current() ?? inventory;
      },
    });
  }

  private sameTenantCompany(turn: IncomingTurn): string | undefined {
    const inventory = this.deps.inventory.current();
    return inventory && turn.tenantId === inventory.organization.tenantId ? inventory.organization.name : undefined;
  }
}
