import type { NotificationRenderer } from '../ports/notification-renderer.js';
import type { WorkStore } from '../ports/work-store.js';
import type { Logger } from '../observability/logger.js';
import { t, type MessageKey } from '../i18n/index.js';
import { ChatRouter } from './router.js';
import type { ChatDeps } from './context.js';
import { text, type IncomingTurn, type TurnReply } from './turn.js';

/**
 * The router, plus what the outbox could not deliver: a person whose notification was refused (the
 * app removed or blocked, 403) or had nowhere to go is told on their next turn, with what it said.
 * A turn from a conversation marked unreachable shows the bot is there again: the mark is lifted.
 */
export class NoticeRouter extends ChatRouter {
  constructor(
    deps: ChatDeps,
    private readonly work: WorkStore,
    private readonly renderers: Record<string, NotificationRenderer>,
    private readonly noticeLogger: Logger,
  ) {
    super(deps, noticeLogger);
  }

  override async handle(turn: IncomingTurn): Promise<TurnReply> {
    // Asked as the turn starts, beside the stores' catch-up (on PostgreSQL the same statement); the
    // notices are told after the answer. Its failure is only logged, once the answer is ready.
    const arriving = this.work.arrived(turn.conversation.id || undefined, turn.aadObjectId || undefined);
    arriving.catch(() => undefined);
    const reply = await super.handle(turn);
    try {
      const listed = await arriving;
      if (!listed.length) return reply;
      // Of two turns at once (on two instances), the one that clears a notice is the one that tells it.
      const cleared = new Set(await this.work.clearNotices(listed.map((n) => n.id)));
      const notices = listed.filter((n) => cleared.has(n.id));
      const sentences = notices.flatMap((n) => {
        const renderer = Object.hasOwn(this.renderers, n.content.kind) ? this.renderers[n.content.kind] : undefined;
        if (!renderer) return [];
        const reason = t(turn.locale, REASON[n.reason] ?? 'notify.reason.unreachable');
        // In the person's own chat, the notification itself with its buttons (one kept for want of a chat
        // needs no apology); elsewhere, one sentence saying what it said.
        if (turn.conversation.type === 'personal') {
          const late = n.reason === 'NoConversation' ? [] : [text(t(turn.locale, 'notify.deliveredLate', { reason }))];
          return [...late, ...renderer.render(turn.locale, n.content.params)];
        }
        return [text(t(turn.locale, 'notify.undelivered', { reason, summary: renderer.summary(turn.locale, n.content.params) }))];
      });
      return { ...reply, messages: [...(reply.messages ?? []), ...sentences] };
    } catch (error) {
      this.noticeLogger.error({ err: error, correlationId: turn.correlationId }, 'could not add the undelivered notices');
      return reply;
    }
  }
}

/** The notice's reason as the recipient reads it; any other is a 403 code (the app removed or blocked). */
const REASON: Record<string, MessageKey> = {
  NoConversation: 'notify.reason.noConversation',
  GaveUp: 'notify.reason.gaveUp',
  MayHaveArrived: 'notify.reason.mayHaveArrived',
};
