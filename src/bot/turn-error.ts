import type { Activity } from 'botbuilder';
import type { Logger } from '../observability/logger.js';
import { baseTurn } from './to-incoming-turn.js';
import { errorSentence } from '../i18n/errors.js';

/** What both SDKs' TurnContexts offer a turn error handler. */
interface FailedTurn {
  activity: unknown;
  sendActivity(text: string): Promise<unknown>;
}

/**
 * A turn that failed: the log gets the detail, the person a sentence in their language with a correlation
 * id (never the SDKs' own "fix the source code"). Both adapters install it.
 */
export function turnErrorHandler(logger: Logger) {
  return async (context: FailedTurn, error: Error) => {
    const activity = context.activity as Activity;
    const { locale, correlationId } = baseTurn(activity);
    logger.error({ err: error, correlationId, activityType: activity.type }, 'unhandled turn error');
    try {
      if (activity.type === 'message') await context.sendActivity(errorSentence(locale, { code: 'internal' }, correlationId));
    } catch (sendError) {
      logger.error({ err: sendError, correlationId }, 'could not tell the person about the error');
    }
  };
}
