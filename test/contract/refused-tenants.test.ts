import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { BenefitsActivityHandler } from '../../src/bot/benefits-activity-handler.js';
import type { ChatRouter } from '../../src/chat/router.js';
import { JsonlConversationStore } from '../../src/infra/store/jsonl-conversation-store.js';
import { createLogger } from '../../src/observability/logger.js';
import { DEMO_TENANT, PEOPLE } from '../support/demo.js';
import { message, startHarness, type Harness } from '../support/bot-harness.js';

const OTHER_TENANT = '33333333-3333-4333-8333-333333333333';

/** Every byte of the data folder, file by file. */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => `--- ${f}\n${readFileSync(f, 'utf8')}`)
    .join('\n');
}

/** Stops the bot (everything on disk), reads the data folder, then cleans up. */
async function stoppedFolder(h: Harness): Promise<string> {
  await h.bot.stop();
  try {
    return folderText(h.dataDir);
  } finally {
    await h.connector.stop();
    rmSync(h.dataDir, { recursive: true, force: true });
  }
}

describe('a turn from a refused tenant is never stored (over HTTP, the data folder read afterwards)', () => {
  it('the allow-list: the listed tenant\'s conversation is on disk, another tenant\'s is nowhere in the folder', async () => {
    const h = await startHarness({ ALLOWED_TENANT_IDS: DEMO_TENANT });
    const kept = message(h.connector, PEOPLE.mpnPartnerAdmin, 'help');
    const refused = message(h.connector, { aadObjectId: '9a9a9a9a-0000-4000-8000-000000000001', name: 'Mallory' }, 'help', { tenantId: OTHER_TENANT, conversationId: 'a:refused-personal-chat' });
    await h.post(kept);
    for (let i = 0; i < 5; i++) await h.post({ ...refused, id: `refused-${i}` });
    const folder = await stoppedFolder(h);
    expect(folder).toContain(kept.conversation.id);
    expect(folder).not.toContain('a:refused-personal-chat');
    expect(folder).not.toContain(OTHER_TENANT);
  });

  it('the inventory\'s own tenant when it is not listed: nothing of it is stored', async () => {
    const h = await startHarness({ ALLOWED_TENANT_IDS: OTHER_TENANT });
    const turn = message(h.connector, PEOPLE.globalAdmin, 'benefits');
    await h.post(turn);
    const folder = await stoppedFolder(h);
    expect(folder).not.toContain(turn.conversation.id);
  });
});

describe('the bot adapter layer stores only the tenant served', () => {
  let dir: string;
  let store: JsonlConversationStore;
  const router = { handle: async () => ({}) } as unknown as ChatRouter;
  const turn = (tenantId: string | undefined, conversationId: string): Partial<Activity> => ({
    type: 'message',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/emea/',
    from: { id: '29:x', name: 'Someone', aadObjectId: `aad-${conversationId}` },
    recipient: { id: '28:bot', name: 'Partner Benefits' },
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '', ...(tenantId ? { tenantId } : {}) },
    ...(tenantId ? { channelData: { tenant: { id: tenantId } } } : {}),
  });
  const send = (handler: BenefitsActivityHandler, activity: Partial<Activity>) => new TestAdapter(async (ctx) => handler.run(ctx)).processActivity(activity);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenants-'));
    store = await JsonlConversationStore.open(join(dir, 'conversations.json'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a conversation of another tenant than the inventory\'s (refused at every turn) is not stored; the served tenant\'s is', async () => {
    let served: string | undefined = DEMO_TENANT;
    const handler = new BenefitsActivityHandler(router, store, createLogger('silent'), [], () => served);
    await send(handler, turn(DEMO_TENANT, 'a:ours'));
    await send(handler, turn(OTHER_TENANT, 'a:foreign'));
    await send(handler, turn(undefined, 'a:no-tenant'));
    served = undefined; // no inventory yet: no tenant is served
    await send(handler, turn(DEMO_TENANT, 'a:before-setup'));
    expect(['a:ours', 'a:foreign', 'a:no-tenant', 'a:before-setup'].filter((id) => store.get(id))).toEqual(['a:ours']);
    expect(folderText(dir)).not.toContain('a:foreign');
  });

  it('without a tenant to compare with, every turn that passed the allow-list is stored (as before)', async () => {
    const handler = new BenefitsActivityHandler(router, store, createLogger('silent'), []);
    await send(handler, turn(OTHER_TENANT, 'a:any'));
    expect(store.get('a:any')?.tenantId).toBe(OTHER_TENANT);
  });
});
