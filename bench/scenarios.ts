// What the bench sends: the activities of each scenario, as Teams would post them.
import { personId, TENANT } from './generate.js';

let serviceUrl = 'http://127.0.0.1:9/';
/** The connector stand-in the bot answers through (its sentences to the chat go there). */
export function setServiceUrl(url: string): void {
  serviceUrl = url;
}

function activity(extra: object) {
  return {
    id: 'bench-activity',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench', aadObjectId: personId(0), name: 'Person 0' },
    recipient: { id: '28:bot', name: 'bot' },
    conversation: { id: 'a:bench-personal', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    // What Teams sends with every activity besides: the sender's clock and zone, and the client's details.
    timestamp: '2026-12-03T01:02:03.456Z',
    localTimestamp: '2026-12-03T10:02:03.456+09:00',
    localTimezone: 'Asia/Tokyo',
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'JP', platform: 'Web', timezone: 'Asia/Tokyo' }],
    ...extra,
  };
}

const execute = (verb: string, data: object) => activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });

export const SCENARIOS = {
  echo: () => activity({ type: 'message', text: 'hello', deliveryMode: 'expectReplies' }),
  echoInvoke: () => execute('echo', {}),
  overview: () => activity({ type: 'message', text: 'benefits', deliveryMode: 'expectReplies' }),
  list: () => execute('openGroup', { group: 'software' }),
};

/** R3.2: Get keys on software product `i` (each reveal is audited; the first one activates it, R3.4). */
export const reveal = (i: number) => execute('getSoftwareKeys', { benefitId: `sw-${i}` });
/** R3.2, R8.1: Get keys, after the refund warning (the button that goes on): a reveal that writes its audit line, never the warning again. */
export const revealConfirmed = (i: number) => execute('getSoftwareKeys', { benefitId: `sw-${i}`, confirmed: true });
/** R5.2: Assign user: person `p` to a seat of Visual Studio subscription `s`, by the Global admin (person 0). */
export const assign = (s: number, p: number) => execute('assignSeat', { subscriptionId: `vs-${s}`, personId: personId(p) });

export type BodyOf = (n: number) => object;
