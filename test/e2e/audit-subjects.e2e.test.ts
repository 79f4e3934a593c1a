import { startHarness, message, execute, cardsOf, cardText, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';

/**
 * An audit trail that answers "who gave whom what": each entry names its subject (the seat and its
 * holders, the role and its holder, the service request), and a person filter matches what the person
 * did or what was done to them.
 */
const NOW = new Date('2026-11-25T09:30:00Z');
const NEWCOMER = { name: '小林 陽菜 (Hina Kobayashi)', email: 'hina.kobayashi@fabrikam.co.jp', aadObjectId: 'b2c3d4e5-0001-4abc-8def-0123456789ab' };
const SAKURA = 'a1f0c6d2-0007-4c1e-9a11-3b5d7e9f1a07';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { clock: { now: () => NOW } });
  const admin = PEOPLE.globalAdmin;
  await h.post(execute(h.connector, admin, 'addPerson', NEWCOMER));
  await h.post(execute(h.connector, admin, 'assignSeat', { subscriptionId: 'vs-professional', personId: NEWCOMER.aadObjectId }));
  await h.post(execute(h.connector, admin, 'grantRole', { personId: NEWCOMER.aadObjectId, role: 'mpnPartnerAdmin' }));
  await h.post(execute(h.connector, admin, 'reassignSeat', { subscriptionId: 'vs-enterprise', seat: SAKURA, personId: PEOPLE.noRole.aadObjectId }));
  await h.post(execute(h.connector, admin, 'requestCancellation', { packageId: 'pkg-action-pack' }));
});
afterAll(() => h.stop());

async function audit(text: string, locale = 'en-US') {
  const { replies } = await h.post(message(h.connector, PEOPLE.globalAdmin, text, { locale }));
  return cardText(cardsOf(replies)[0]).split('\n').filter((l) => l.includes(' → '));
}

describe('each entry says who got what', () => {
  it.each([
    ['en-US', [
      '佐藤 美咲 (Misaki Sato) → Microsoft Action Pack, service request CR-',
      '佐藤 美咲 (Misaki Sato) → Visual Studio Enterprise, from 渡辺 さくら (Sakura Watanabe) to 伊藤 直樹 (Naoki Ito)',
      '佐藤 美咲 (Misaki Sato) → MPN partner admin, to 小林 陽菜 (Hina Kobayashi)',
      '佐藤 美咲 (Misaki Sato) → Visual Studio Professional, to 小林 陽菜 (Hina Kobayashi)',
      '佐藤 美咲 (Misaki Sato) → 小林 陽菜 (Hina Kobayashi)',
    ]],
    ['ja-JP', [
      '佐藤 美咲 (Misaki Sato) → Microsoft Action Pack (サービス要求 CR-',
      '佐藤 美咲 (Misaki Sato) → Visual Studio Enterprise を渡辺 さくら (Sakura Watanabe) から伊藤 直樹 (Naoki Ito) に',
      '佐藤 美咲 (Misaki Sato) → MPN パートナー管理者を小林 陽菜 (Hina Kobayashi) に',
      '佐藤 美咲 (Misaki Sato) → Visual Studio Professional を小林 陽菜 (Hina Kobayashi) に',
      '佐藤 美咲 (Misaki Sato) → 小林 陽菜 (Hina Kobayashi)',
    ]],
  ] as const)('%s', async (locale, expected) => {
    const lines = await audit(locale === 'en-US' ? 'audit' : '監査', locale);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i]!.startsWith(start)).toBe(true));
  });
});

describe('a person filter matches who acted or whom it was about', () => {
  it('"audit Kobayashi" finds the newcomer added, given a seat and a role by someone else', async () => {
    expect(await audit('audit Kobayashi')).toHaveLength(3);
  });

  it('"audit Watanabe" finds the reassignment that took her seat', async () => {
    expect(await audit('audit Watanabe')).toEqual(['佐藤 美咲 (Misaki Sato) → Visual Studio Enterprise, from 渡辺 さくら (Sakura Watanabe) to 伊藤 直樹 (Naoki Ito)']);
  });
});
