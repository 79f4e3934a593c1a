import type { Person } from '../../src/domain/inventory.js';
import { PeopleIndex, peopleIndex } from '../../src/domain/people-search.js';

const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', 'Smith', 'García', 'Nguyen', 'Müller', 'Kowalski'];
const GIVEN = ['美咲', '健太', 'Emily', 'Hiro', 'Ana', 'Lars', 'Yuki', 'Omar', 'Chloé', 'Sven'];

/** 50,000 people: a company at the top of the range the picker must serve. */
function generate(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `${FAMILY[i % 10]} ${GIVEN[Math.floor(i / 10) % 10]} ${i}`,
    email: `user${i}@corp${i % 7}.example.com`,
    roles: [],
  }));
}

describe('the people search (R5.2 picker, R1.7 list)', () => {
  const people = generate(50_000);
  const index = new PeopleIndex(people);

  it('indexes every one of 50,000 people', () => {
    expect(index.size).toBe(50_000);
  });

  it('finds one person by a unique number in the name, and by exact email', () => {
    expect(people[31415]!.name).toBe('Smith 健太 31415');
    expect(index.search('Smith 健太 31415').people.map((p) => p.aadObjectId)).toEqual([people[31415]!.aadObjectId]);
    expect(index.search('user49999@corp').people.map((p) => p.name)).toEqual([people[49999]!.name]);
  });

  it('counts every match, but returns only the page asked for', () => {
    const page = index.search('佐藤', 0, 15);
    expect(page.total).toBe(5_000);
    expect(page.people).toHaveLength(15);
    expect(page.people.every((p) => p.name.startsWith('佐藤'))).toBe(true);
  });

  it('pages with skip/top without repeating or losing anyone', () => {
    const all = index.search('corp3.example', 0, 10_000).people.map((p) => p.aadObjectId);
    const paged = [0, 1, 2, 3].flatMap((k) => index.search('corp3.example', k * 25, 25).people.map((p) => p.aadObjectId));
    expect(paged).toEqual(all.slice(0, 100));
    expect(new Set(all).size).toBe(all.length);
    expect(index.search('corp3.example', 0, 1).total).toBe(people.filter((p) => p.email.includes('@corp3.')).length);
  });

  it('puts names and emails starting with the text before those merely containing it', () => {
    const small = new PeopleIndex([
      { aadObjectId: '1', name: 'Bob Anderson', email: 'bob@x.com', roles: [] },
      { aadObjectId: '2', name: 'Andrea Lee', email: 'andrea@x.com', roles: [] },
      { aadObjectId: '3', name: 'Sandra Oh', email: 'sandra@x.com', roles: [] },
    ]);
    expect(small.search('and').people.map((p) => p.name)).toEqual(['Andrea Lee', 'Bob Anderson', 'Sandra Oh']);
  });

  it('ignores case, full-width letters and extra spaces', () => {
    expect(index.search('ＳＭＩＴＨ   健太 ３１４１５').people).toEqual([people[31415]]);
    expect(index.search('MÜLLER').total).toBe(5_000);
  });

  it('with no text, lists everyone in name order (the picker before anything is typed)', () => {
    const page = index.search('', 0, 3);
    expect(page.total).toBe(50_000);
    const names = index.search('', 0, 200).people.map((p) => p.name);
    const sorted = [...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare);
    expect(names).toEqual(sorted);
  });

  it('finds no one for text no one has', () => {
    expect(index.search('zzzz-nobody')).toEqual({ people: [], total: 0 });
  });

  it('is rebuilt when a person is added to the same list (R1.7), and reused otherwise', () => {
    const list = generate(10);
    const first = peopleIndex(list);
    expect(peopleIndex(list)).toBe(first);
    list.push({ aadObjectId: 'new', name: 'Zed Newcomer', email: 'zed@example.com', roles: [] });
    expect(peopleIndex(list).search('newcomer').people.map((p) => p.aadObjectId)).toEqual(['new']);
  });
});

describe('the picker lists people in the reader\'s name order', () => {
  const person = (name: string, i: number) => ({ aadObjectId: `00000000-0000-4000-8000-00000000000${i}`, name, email: `p${i}@example.com`, roles: [] });
  const people = ['佐藤 美咲', 'たなか ゆい', '高橋 由美', 'あべ まい', '伊藤 直樹'].map(person);
  it.each([
    ['ja-JP', ['あべ まい', 'たなか ゆい', '伊藤 直樹', '高橋 由美', '佐藤 美咲']],
    ['en-US', ['あべ まい', 'たなか ゆい', '伊藤 直樹', '佐藤 美咲', '高橋 由美']],
  ])('%s', (locale, names) => {
    expect(peopleIndex(people, locale).search('', 0, 25).people.map((p) => p.name)).toEqual(names);
  });
});
