import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, message, execute, submit, cardsOf, cardText, textsOf, type Harness } from '../support/bot-harness.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const demo = demoInventoryFile();
const SOFTWARE = demo.benefits.software;
const LICENSED = demo.benefits.cloud.filter((c) => c.kind === 'licenseBased');
const DEMO_KEYS = [...SOFTWARE, ...LICENSED].flatMap((b) => b.keys);
const WINDOWS = SOFTWARE.find((b) => b.id === 'sw-windows-server-2022')!;
const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:group-chat-of-admins' };
const CHANNEL = { conversationType: 'channel' as const, conversationId: '19:general@thread.tacv2' };
const personalOf = (p: { aadObjectId: string }) => `a:personal-${p.aadObjectId}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('keys are never shown in a group chat or channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // The Global admin has a 1:1 chat with the bot; the MPN partner admin has never opened one.
    await h.post(message(h.connector, PEOPLE.globalAdmin, 'help'));
  });
  afterAll(() => h.stop());
  beforeEach(() => h.connector.clear());
  afterEach(() => {
    h.connector.behaviour = () => ({ status: 200 });
  });

  it.each([
    ['a group chat', GROUP],
    ['a channel', CHANNEL],
  ])('Get keys in %s: the keys card goes to the 1:1 chat, the group is told so, with no key in it', async (_where, where) => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }, where));
    // The clicker's card, updated in place: the list, saying where the keys went.
    expect(cardText(body.value)).toContain('I sent the keys of Windows Server 2022 Datacenter to you in our 1:1 chat');
    expect(JSON.stringify(body)).not.toContain(WINDOWS.keys[0]);

    const toPersonal = h.connector.received.filter((r) => r.conversationId === personalOf(PEOPLE.globalAdmin));
    const toGroup = h.connector.received.filter((r) => r.conversationId === where.conversationId);
    expect(toPersonal).toHaveLength(1);
    expect(cardText(cardsOf(toPersonal)[0])).toContain(WINDOWS.keys[0]);
    expect(textsOf(toGroup)).toEqual(['佐藤 美咲 (Misaki Sato): I sent you the keys of Windows Server 2022 Datacenter in our 1:1 chat. I never show keys in a group chat or channel.']);
    for (const r of toGroup) for (const key of DEMO_KEYS) expect(JSON.stringify(r.activity)).not.toContain(key);

    const [latest] = await h.stores.audit.query({ limit: 1 });
    expect(latest).toMatchObject({ action: 'revealSoftwareKeys', where: where, details: { sentToPersonalChat: true } });
  });

  it('the Action.Submit fallback in a group: the keys still go to the 1:1 chat only', async () => {
    await h.post(submit(h.connector, PEOPLE.globalAdmin, { verb: 'getCloudKeys', benefitId: LICENSED[0]!.id }, GROUP));
    const toGroup = h.connector.received.filter((r) => r.conversationId === GROUP.conversationId);
    expect(toGroup.length).toBeGreaterThan(0);
    for (const r of toGroup) expect(JSON.stringify(r.activity)).not.toContain(LICENSED[0]!.keys[0]);
    const toPersonal = h.connector.received.filter((r) => r.conversationId === personalOf(PEOPLE.globalAdmin));
    expect(cardText(cardsOf(toPersonal)[0])).toContain(LICENSED[0]!.keys[0]);
  });

  it('with no 1:1 chat stored, the person is told to open one; nothing is revealed, activated or audited', async () => {
    const auditBefore = (await h.stores.audit.query({ limit: 100 })).length;
    const { body } = await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: WINDOWS.id, confirmed: true }, { ...GROUP, locale: 'ja-JP' }));
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toContain('まずパートナー特典との 1:1 チャットを開き');
    expect(h.connector.received).toHaveLength(0);
    expect(await h.stores.audit.query({ limit: 100 })).toHaveLength(auditBefore);
  });

  it('when the 1:1 chat cannot be reached, the person is told, and the log holds no key', async () => {
    h.connector.behaviour = (r) => (r.conversationId.startsWith('a:personal-') ? { status: 403, body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } } : { status: 200 });
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: SOFTWARE[2]!.id, confirmed: true }, GROUP));
    expect(body.value).toMatch(/could not deliver the keys to our 1:1 chat/);
    const warning = h.logs.lines.find((l) => l.includes('keys not delivered'));
    expect(warning).toContain('ConversationBlockedByUser');
    for (const line of h.logs.lines) for (const key of DEMO_KEYS) expect(line).not.toContain(key);
  });
});

describe('no demo key in the log or the data folder of a run that reveals every one (LOG_LEVEL=debug)', () => {
  it('reveals each key through every flow, then finds none in plain text', async () => {
    const h = await startHarness({ LOG_LEVEL: 'debug' });
    let running = true;
    try {
      await h.post(message(h.connector, PEOPLE.mpnPartnerAdmin, 'hi'));
      const seen = new Set<string>();
      const keep = (json: unknown) => DEMO_KEYS.forEach((k) => JSON.stringify(json).includes(k) && seen.add(k));
      for (const b of SOFTWARE) {
        keep((await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: b.id, confirmed: true }))).body);
        const d = b.downloads[0]!;
        keep((await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'softwareDownloads', { benefitId: b.id, language: d.language, os: d.os }))).body);
        keep((await h.post(submit(h.connector, PEOPLE.globalAndMpnAdmin, { verb: 'getSoftwareKeys', benefitId: b.id, confirmed: true }))).replies);
        keep((await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: b.id, confirmed: true }, GROUP))).replies);
      }
      for (const b of LICENSED) {
        keep((await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getCloudKeys', { benefitId: b.id }, { locale: 'ja-JP' }))).body);
        keep((await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getCloudKeys', { benefitId: b.id }, CHANNEL))).body);
      }
      await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignCloudToSelf', { benefitId: 'cl-azure-credits' }));
      await h.post(message(h.connector, PEOPLE.globalAdmin, 'audit'));
      keep(h.connector.received.map((r) => r.activity));
      // The run did reveal every key (to the people allowed), so finding none below means something.
      expect([...seen].sort()).toEqual([...DEMO_KEYS].sort());
      expect(h.logs.lines.filter((l) => l.includes('product keys revealed'))).toHaveLength(SOFTWARE.length * 4 + LICENSED.length * 2);

      await h.bot.stop();
      running = false;
      const files = filesUnder(h.dataDir);
      expect(files.map((f) => f.slice(h.dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['audit.jsonl', 'conversations.json', 'inventory.json']));
      expect(readFileSync(join(h.dataDir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean).length).toBe(SOFTWARE.length * 4 + LICENSED.length * 2 + 1);
      for (const key of DEMO_KEYS) {
        expect(h.logs.lines.filter((l) => l.includes(key))).toEqual([]);
        for (const file of files) expect([file, readFileSync(file, 'utf8').includes(key)]).toEqual([file, false]);
      }
    } finally {
      if (running) await h.stop();
      else {
        await h.connector.stop();
        rmSync(h.dataDir, { recursive: true, force: true });
      }
    }
  });
});
