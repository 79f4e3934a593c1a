import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { DeliveryError, type OutgoingMessage, type ProactiveSender } from '../ports/proactive-sender.js';
import type { StoredConversation } from '../ports/conversation-store.js';
import { toActivity } from './to-activities.js';

interface ConnectorFailure {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: string; parsedBody?: unknown };
  message?: string;
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The connector's error code (e.g. BotNotInConversationRoster) from its JSON body, if any. */
function errorCode(failure: ConnectorFailure): string | undefined {
  const body = failure.response?.parsedBody as { error?: { code?: unknown } } | undefined;
  if (typeof body?.error?.code === 'string') return body.error.code;
  try {
    const parsed = JSON.parse(failure.response?.bodyAsText ?? '') as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Proactive messages through botbuilder's continueConversationAsync, to the stored serviceUrl. */
export class BotFrameworkProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(conversation: StoredConversation, messages: OutgoingMessage[]): Promise<void> {
    // The adapter hands an error thrown inside the callback to onTurnError instead of rethrowing it,
    // so the callback keeps it for us.
    let failed: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, conversation.reference as Partial<ConversationReference>, async (context) => {
        try {
          for (const message of messages) await context.sendActivity(toActivity(message));
        } catch (error) {
          failed = error;
        }
      });
    } catch (error) {
      failed = error;
    }
    if (failed !== undefined) {
      const failure = failed as ConnectorFailure;
      const status = typeof failure.statusCode === 'number' ? failure.statusCode : 0;
      // Without an answer, the network's code (ECONNREFUSED: nothing was sent; ETIMEDOUT: it may have been).
      throw new DeliveryError(status, errorCode(failure) ?? (status === 0 && typeof failure.code === 'string' ? failure.code : undefined), retryAfterMs(failure.response?.headers?.get?.('retry-after')), failure.message ?? 'delivery failed');
    }
  }
}
