import type { Person } from '../../src/domain/inventory.js';
import { PeopleIndex, byName } from '../../src/domain/people-search.js';
import { addPerson } from '../../src/domain/people.js';
import { demoInventoryFile } from '../support/demo.js';

/**
 * 五十音 order for kanji names: no collation orders kanji by how a name is read (伊藤 イトウ, 渡辺 ワタナベ,
 * 山本 ヤマモト: by code 渡 comes before 山, by reading ヤ before ワ), so a person may carry their name's reading
 * (フリガナ) and Japanese lists order by it; a person without one is ordered by their name; English lists by name.
 */
const person = (name: string, nameReading?: string): Person => ({ aadObjectId: `id-${name}`, name, email: `${name}@example.com`, roles: [], ...(nameReading ? { nameReading } : {}) });

const ORDERS: [string, Person[], string, string[]][] = [
  ['kanji names with readings, in Japanese: by reading (五十音)', [person('渡辺 さくら', 'ワタナベ サクラ'), person('山本 大輔', 'ヤマモト ダイスケ'), person('伊藤 直樹', 'イトウ ナオキ'), person('佐藤 美咲', 'サトウ ミサキ')], 'ja-JP', ['伊藤 直樹', '佐藤 美咲', '山本 大輔', '渡辺 さくら']],
  ['a reading in hiragana orders as one in katakana', [person('東 海斗', 'ひがし かいと'), person('阿部 翼', 'アベ ツバサ'), person('長谷川 凛', 'ハセガワ リン')], 'ja-JP', ['阿部 翼', '長谷川 凛', '東 海斗']],
  ['same surname: by the given name read', [person('中村 優', 'ナカムラ ユウ'), person('中村 葵', 'ナカムラ アオイ')], 'ja-JP', ['中村 葵', '中村 優']],
  ['the same people in English: by name as written', [person('Watanabe Sakura', 'ワタナベ サクラ'), person('Ito Naoki', 'イトウ ナオキ'), person('Sato Misaki', 'サトウ ミサキ')], 'en-US', ['Ito Naoki', 'Sato Misaki', 'Watanabe Sakura']],
  ['no reading: by the name (kana names need none)', [person('わたなべ'), person('あべ'), person('かとう')], 'ja-JP', ['あべ', 'かとう', 'わたなべ']],
];

describe('people in the order their readers expect', () => {
  it.each(ORDERS)('%s', (_name, people, locale, expected) => {
    expect([...people].sort(byName(locale)).map((p) => p.name)).toEqual(expected);
    // The people list and the pickers' static choices (one index) read in the same order.
    expect(new PeopleIndex(people, locale).search('').people.map((p) => p.name)).toEqual(expected);
  });

  it('the demo company in Japanese: 五十音 by reading', () => {
    const people = demoInventoryFile().people;
    const ja = new PeopleIndex(people, 'ja-JP').search('').people.map((p) => p.nameReading ?? p.name);
    expect(ja).toEqual(['Emily Clark', 'イトウ ナオキ', 'サトウ ミサキ', 'スズキ ケンタ', 'タカハシ ユミ', 'タナカ ショウ', 'ヤマモト ダイスケ', 'ワタナベ サクラ']);
  });

  it('a reading is searched too, in hiragana or katakana', () => {
    const index = new PeopleIndex([person('佐藤 美咲', 'サトウ ミサキ'), person('鈴木 健太', 'スズキ ケンタ')], 'ja-JP');
    expect(index.search('さとう').people.map((p) => p.name)).toEqual(['佐藤 美咲']);
    expect(index.search('ケンタ').people.map((p) => p.name)).toEqual(['鈴木 健太']);
  });
});

describe('adding a person keeps the reading they were given (R1.7)', () => {
  const inventory = () => structuredClone(demoInventoryFile()) as never;
  it.each([
    ['with a reading', ' ヤマダ  ハナコ ', { nameReading: 'ヤマダ ハナコ' }],
    ['without one', '', {}],
  ])('%s', (_name, reading, expected) => {
    const added = addPerson(inventory(), { name: '山田 花子', nameReading: reading, email: 'hanako.yamada@fabrikam.co.jp', aadObjectId: '0f0f0f0f-0000-4000-8000-000000000abc' });
    expect(added.ok && added.value).toEqual({ name: '山田 花子', ...expected, email: 'hanako.yamada@fabrikam.co.jp', aadObjectId: '0f0f0f0f-0000-4000-8000-000000000abc', roles: [] });
  });

  it('a reading of a bidi control is refused, as a name is', () => {
    const added = addPerson(inventory(), { name: '山田 花子', nameReading: 'ヤマダ\u202Eコナハ', email: 'h.yamada@fabrikam.co.jp', aadObjectId: '0f0f0f0f-0000-4000-8000-000000000abd' });
    expect(added.problems).toEqual([{ field: 'nameReading', problem: 'bidiControl' }]);
  });
});
