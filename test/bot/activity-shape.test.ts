import { activityShapeProblems } from '../../src/bot/activity-shape.js';

/** A Teams Action.Execute invoke as Teams sends it (fields the shape does not name pass through). */
const good = () => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'f:1234',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/jp/',
  timestamp: '2026-11-25T01:02:03.456Z',
  locale: 'ja-JP',
  from: { id: '29:1abc', aadObjectId: '6f1c0d7e-0000-4000-8000-000000000001', name: '山田 花子' },
  recipient: { id: '28:bot', name: 'Partner Benefits' },
  conversation: { id: 'a:1xyz', conversationType: 'personal', tenantId: '7b6c1a2e-3f4d-4e5a-9b8c-0d1e2f3a4b5c', isGroup: false },
  channelData: { tenant: { id: '7b6c1a2e-3f4d-4e5a-9b8c-0d1e2f3a4b5c' }, source: { name: 'message' } },
  entities: [{ type: 'clientInfo', locale: 'ja-JP' }],
  value: { action: { type: 'Action.Execute', verb: 'openGroup', data: { group: 'software' } } },
  somethingTeamsAddsLater: { x: [1, 2] },
});

type Mutation = (a: Record<string, unknown>) => void;
const set =
  (path: string, value: unknown): Mutation =>
  (a) => {
    const keys = path.split('.');
    let at: Record<string, unknown> = a;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  };

describe('activity shape (a malformed activity is refused at the door)', () => {
  test('a Teams invoke, a message, and a conversation update with who, where and through which connector pass', () => {
    expect(activityShapeProblems(good())).toBeUndefined();
    expect(activityShapeProblems({ ...good(), type: 'message', text: '特典', value: undefined, name: null })).toBeUndefined();
    const { from, conversation, serviceUrl } = good();
    expect(activityShapeProblems({ type: 'conversationUpdate', from, conversation, serviceUrl, membersAdded: [{ id: '28:bot' }], membersRemoved: [] })).toBeUndefined();
  });

  // [what is wrong, the change, the problem reported]
  const refused: [string, Mutation, string][] = [
    ['no type', set('type', undefined), 'type: invalid_type'],
    ['an empty type', set('type', ''), 'type: too_small'],
    ['a type of 65 characters', set('type', 'x'.repeat(65)), 'type: too_big'],
    ['no from', set('from', undefined), 'from: invalid_type'],
    ['no conversation', set('conversation', null), 'conversation: invalid_type'],
    ['no serviceUrl', set('serviceUrl', undefined), 'serviceUrl: invalid_type'],
    ['an empty serviceUrl', set('serviceUrl', ''), 'serviceUrl: too_small'],
    ['a number for from', set('from', 42), 'from: invalid_type'],
    ['an array for from', set('from', []), 'from: invalid_type'],
    ['an object for from.aadObjectId', set('from.aadObjectId', { $ne: '' }), 'from.aadObjectId: invalid_type'],
    ['an aadObjectId of 129 characters', set('from.aadObjectId', 'a'.repeat(129)), 'from.aadObjectId: too_big'],
    ['an object for a tenant id', set('channelData.tenant.id', { id: 'x' }), 'channelData.tenant.id: invalid_type'],
    ['a string for channelData', set('channelData', 'tenant'), 'channelData: invalid_type'],
    ['a conversation without an id', set('conversation.id', undefined), 'conversation.id: invalid_type'],
    ['a conversation with an empty id', set('conversation.id', ''), 'conversation.id: too_small'],
    ['a string for isGroup', set('conversation.isGroup', 'false'), 'conversation.isGroup: invalid_type'],
    ['a string for membersAdded', set('membersAdded', '28:bot'), 'membersAdded: invalid_type'],
    ['a number among membersAdded', set('membersAdded', [{ id: 'a' }, 7]), 'membersAdded.1: invalid_type'],
    ['a null among membersAdded', set('membersAdded', [{ id: 'a' }, null]), 'membersAdded.1: invalid_type'],
    ['an entity that is null', set('entities', [null]), 'entities.0: invalid_type'],
    ['a member whose id is a number', set('membersRemoved', [{ id: 5 }]), 'membersRemoved.0.id: invalid_type'],
    ['1,001 entities', set('entities', Array.from({ length: 1001 }, () => ({}))), 'entities: too_big'],
    ['an attachment that is a string', set('attachments', ['x']), 'attachments.0: invalid_type'],
    ['a serviceUrl of 2,049 characters', set('serviceUrl', `https://${'a'.repeat(2041)}`), 'serviceUrl: too_big'],
    ['a number for text', set('text', 1), 'text: invalid_type'],
  ];
  test.each(refused)('%s is refused, and the problem names the field', (_what, mutate, problem) => {
    const activity = good() as Record<string, unknown>;
    mutate(activity);
    expect(activityShapeProblems(activity)).toEqual([problem]);
  });

  test.each([
    ['an array', []],
    ['a string', 'invoke'],
    ['null', null],
    ['a number', 3],
  ])('a body that is %s is refused as a whole', (_what, body) => {
    expect(activityShapeProblems(body)).toEqual([': invalid_type']);
  });

  test('many problems: the first five are reported, the check stops there', () => {
    const activity = { type: 1, id: 1, name: 1, channelId: 1, serviceUrl: 1, timestamp: 1, locale: 1 };
    expect(activityShapeProblems(activity)).toEqual(['type: invalid_type', 'id: invalid_type', 'name: invalid_type', 'channelId: invalid_type', 'serviceUrl: invalid_type']);
  });

  test('the check does not change the activity', () => {
    const activity = good();
    const before = JSON.stringify(activity);
    activityShapeProblems(activity);
    expect(JSON.stringify(activity)).toBe(before);
  });
});
