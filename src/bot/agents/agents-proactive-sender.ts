import { DeliveryError, type OutgoingMessage, type ProactiveSender } from '../../ports/proactive-sender.js';
import type { StoredConversation } from '../../ports/conversation-store.js';
import { retryAfterMs } from '../proactive-sender.js';
import { toActivity } from '../to-activities.js';
import type { BenefitsAgentsAdapter } from './agents-adapter.js';

/** A proactive send that hangs is abandoned after this long (then retried by the outbox), as under botbuilder. */
const PROACTIVE_TIMEOUT_MS = 15_000;

/** What the Agents SDK's HTTP client throws for an answer that is not 2xx. */
interface HttpFailure {
  status?: number;
  response?: { data?: unknown; headers?: { get?(name: string): string | null } };
  message?: string;
}

/**
 * Proactive messages through the Agents SDK's connector client, to the stored serviceUrl: one HTTP request
 * per message and no retry of the SDK's own (it has none), so one attempt of the outbox is one request.
 */
export class AgentsProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: BenefitsAgentsAdapter,
    private readonly appId: string,
  ) {}

  async send(conversation: StoredConversation, messages: OutgoingMessage[]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('the connector did not answer in time'), { status: 0 })), PROACTIVE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.adapter.sendProactive(this.appId, conversation.reference as never, messages.map(toActivity)), timeout]);
    } catch (error) {
      const failure = error as HttpFailure;
      const body = failure.response?.data as { error?: { code?: unknown } } | undefined;
      const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
      const status = typeof failure.status === 'number' ? failure.status : 0;
      throw new DeliveryError(status, code, retryAfterMs(failure.response?.headers?.get?.('retry-after') ?? undefined), failure.message ?? 'delivery failed');
    } finally {
      clearTimeout(timer);
    }
  }
}
