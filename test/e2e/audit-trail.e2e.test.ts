import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, message, execute, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';

const NOW = new Date('2026-11-25T09:30:00Z');
const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:admins' };

let h: Harness;
let trailAfterSetup: string;
beforeAll(async () => {
  h = await startHarness({}, { clock: { now: () => NOW } });
  await h.post(message(h.connector, PEOPLE.globalAdmin, 'hi'));
  await h.post(execute(h.connector, PEOPLE.mpnPartnerAdmin, 'getSoftwareKeys', { benefitId: 'sw-windows-server-2022', confirmed: true }));
  await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: 'sw-office-ltsc-2021', confirmed: true }, GROUP));
  await h.post(execute(h.connector, PEOPLE.globalAdmin, 'assignCloudToSelf', { benefitId: 'cl-azure-credits' }));
  await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'getCloudKeys', { benefitId: 'cl-m365-e5' }));
  trailAfterSetup = readFileSync(join(h.dataDir, 'audit.jsonl'), 'utf8');
});
afterAll(() => h.stop());

async function audit(text: string, locale = 'en-US', who = PEOPLE.globalAdmin) {
  const { replies } = await h.post(message(h.connector, who, text, { locale }));
  const [card] = cardsOf(replies);
  expect(validateCard(card)).toEqual([]);
  return cardText(card);
}

const entryLines = (text: string) => text.split('\n').filter((l) => l.includes(' → '));

describe('the audit trail: every key reveal, assignment and activation, who, what, when, where', () => {
  it('"audit" shows the entries newest first, with the details that matter', async () => {
    const text = await audit('audit');
    expect(text.split('\n')[0]).toBe('Audit trail');
    expect(entryLines(text)).toEqual([
      'Emily Clark → Microsoft 365 E5 (5 licenses)',
      '佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit), to 佐藤 美咲 (Misaki Sato)',
      '佐藤 美咲 (Misaki Sato) → Office LTSC Professional Plus 2021',
      '鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter',
    ]);
    expect(text).toContain('Cloud subscription keys revealed\nEmily Clark → Microsoft 365 E5 (5 licenses)\nNov 25, 2026, 9:30 AM UTC · 1:1 chat · activated the benefit');
    expect(text).toContain('Cloud subscription assigned and activated');
    // Office was activated before (demo data): this reveal is not an activation (R3.4 keeps the first).
    expect(text).toContain('Software keys revealed\n佐藤 美咲 (Misaki Sato) → Office LTSC Professional Plus 2021\nNov 25, 2026, 9:30 AM UTC · group chat · keys sent to the 1:1 chat');
  });

  it.each([
    ['audit kenta', ['鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter'], 'Filtered by: involving 鈴木 健太 (Kenta Suzuki)'],
    ['audit emily.clark@fabrikam.co.jp', ['Emily Clark → Microsoft 365 E5 (5 licenses)'], 'involving Emily Clark'],
    ['audit trail Windows Server', ['鈴木 健太 (Kenta Suzuki) → Windows Server 2022 Datacenter'], 'Filtered by: on Windows Server 2022 Datacenter'],
    ['Audit cl-azure-credits', ['佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit), to 佐藤 美咲 (Misaki Sato)'], 'on Microsoft Azure'],
  ])('"%s" filters by person or product', async (typed, lines, filter) => {
    const text = await audit(typed);
    expect(entryLines(text)).toEqual(lines);
    expect(text).toContain(filter);
  });

  it('in Japanese: "監査 鈴木"', async () => {
    const text = await audit('監査 鈴木', 'ja-JP');
    expect(text.split('\n')[0]).toBe('監査証跡');
    expect(text).toContain('絞り込み: 鈴木 健太 (Kenta Suzuki) が関わる記録');
    expect(text).toContain('ソフトウェアのキーを表示');
    expect(text).toContain('1:1 チャット');
    expect(entryLines(text)).toHaveLength(1);
  });

  it.each([
    ['audit nobody-like-this', 'No person or product matches "nobody-like-this". That part of the filter was not applied.'],
    ['audit fabrikam', '"fabrikam" matches several: 佐藤 美咲 (Misaki Sato), Emily Clark'],
  ])('"%s": the card says the filter was not applied, and shows every entry', async (typed, notice) => {
    const text = await audit(typed);
    expect(text).toContain(notice);
    expect(text).not.toContain('Filtered by');
    expect(entryLines(text)).toHaveLength(4);
  });

  it('the card\'s form filters by person and product together (Action.Execute, in place)', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAndMpnAdmin, 'auditTrail', { verb: 'auditTrail', person: 'Misaki', product: 'azure' }));
    const text = cardText(body.value);
    expect(entryLines(text)).toEqual(['佐藤 美咲 (Misaki Sato) → Microsoft Azure ($100 monthly credit), to 佐藤 美咲 (Misaki Sato)']);
    expect(text).toContain('Filtered by: involving 佐藤 美咲 (Misaki Sato) · on Microsoft Azure ($100 monthly credit)');
    const inputs = JSON.stringify(body.value);
    expect(inputs).toContain('"id":"person","label":"Person (name or email)","value":"佐藤 美咲 (Misaki Sato)"');
  });

  it('a forged form payload is refused', async () => {
    const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, 'auditTrail', { person: { $regex: '.*' } }));
    expect(body.value).toMatch(/cannot use/);
  });

  it.each([
    ['MPN partner admin', PEOPLE.mpnPartnerAdmin],
    ['User admin', PEOPLE.userAdmin],
    ['Admin agent', PEOPLE.adminAgent],
  ])('a %s may not read it: told it needs Global admin and who holds it (R1.6)', async (_role, person) => {
    const typed = await h.post(message(h.connector, person, 'audit'));
    expect(cardsOf(typed.replies)).toHaveLength(0);
    expect(typed.replies[0]!.activity.text).toBe('This needs the Global admin role. Check with your Global admin: 佐藤 美咲 (Misaki Sato), Emily Clark.');
    const clicked = await h.post(execute(h.connector, person, 'auditTrail', { person: '' }));
    expect(clicked.body.value).toContain('This needs the Global admin role');
  });

  it('is append-only: reading it and new entries leave the old lines as they were', async () => {
    await h.post(execute(h.connector, PEOPLE.globalAdmin, 'getSoftwareKeys', { benefitId: 'sw-windows-server-2022', confirmed: true }));
    const now = readFileSync(join(h.dataDir, 'audit.jsonl'), 'utf8');
    expect(now.startsWith(trailAfterSetup)).toBe(true);
    expect(now.split('\n').filter(Boolean)).toHaveLength(5);
    expect(JSON.parse(now.split('\n')[4]!)).toMatchObject({ seq: 5, action: 'revealSoftwareKeys', actor: { aadObjectId: PEOPLE.globalAdmin.aadObjectId }, details: { activated: false } });
  });
});
