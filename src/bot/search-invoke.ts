import type { Activity, InvokeResponse } from 'botbuilder';
import type { ChatRouter } from '../chat/router.js';
import { baseTurn } from './to-incoming-turn.js';
import { invokeError, invokeRefusal } from './invoke-error.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The chat layer answers a search it refuses with a status and its sentence (no code): Teams' code by status. */
const CODE_OF_STATUS: Record<number, string> = { 403: 'Forbidden', 404: 'NotFound' };

/**
 * Teams' dynamic typeahead (an Input.ChoiceSet whose `choices.data` is a Data.Query): the invoke
 * `application/search` with value {queryText, dataset, queryOptions: {skip, top}} is mapped to the chat
 * layer's channel-neutral search, and its results back to a searchResponse. Identity comes from the
 * activity, as for every other turn.
 */
export async function searchResponse(router: ChatRouter, activity: Activity): Promise<InvokeResponse> {
  const value: unknown = activity.value;
  const turn = { ...baseTurn(activity), kind: 'action' as const };
  const options = isRecord(value) && isRecord(value.queryOptions) ? value.queryOptions : {};
  if (!isRecord(value) || typeof value.dataset !== 'string' || (value.queryText !== undefined && typeof value.queryText !== 'string')) {
    return invokeRefusal(turn.locale, { code: 'invalidPayload' });
  }
  const reply = router.search(turn, {
    dataset: value.dataset,
    queryText: typeof value.queryText === 'string' ? value.queryText : '',
    skip: typeof options.skip === 'number' ? options.skip : 0,
    top: typeof options.top === 'number' ? options.top : 15,
  });
  if (!reply.ok) return invokeError(reply.status, { code: CODE_OF_STATUS[reply.status] ?? 'InternalError', message: reply.message });
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: reply.results } } };
}
