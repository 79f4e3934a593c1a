import type { Person } from './inventory.js';

/** Lower case, full-width letters folded (NFKC), spaces collapsed: what a person types and what we match. */
export function searchKey(text: string): string {
  // Hiragana folded to katakana: "さとう" finds the reading "サトウ", and the other way round.
  return text.normalize('NFKC').toLowerCase().replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60)).replace(/\s+/g, ' ').trim();
}

/**
 * What a list is ordered by for a reader: in Japanese the name's reading (フリガナ) when the person has
 * one, since a collation orders kanji by code, not by how a name is read (五十音); else the name.
 */
export function sortName(person: Person, locale: string): string {
  return locale.startsWith('ja') && person.nameReading ? person.nameReading : person.name;
}

/** People in the order a reader of `locale` expects a list of names. */
export function byName(locale: string): (a: Person, b: Person) => number {
  const collator = collatorOf(locale);
  return (a, b) => collator.compare(sortName(a, locale), sortName(b, locale)) || collator.compare(a.name, b.name) || a.aadObjectId.localeCompare(b.aadObjectId);
}

interface Entry {
  person: Person;
  /** Each word of the name, and the email (whole and its local part), for prefix matches. */
  words: string[];
  /** name + email, for substring matches. */
  haystack: string;
}

export interface PeoplePage {
  people: Person[];
  /** How many people match in all (for "12 more: refine your search"). */
  total: number;
}

/** The name order of a reader's language: Japanese orders kana by 五十音 (kanji only by code: hence readings). */
const collators = new Map<string, Intl.Collator>();
function collatorOf(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) collators.set(locale, (collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return collator;
}

/**
 * A search over a company's people by name and email (R5.2: the Assign user picker; R1.7: the people
 * list). Built once per list of people and sorted once by name, so that a query is one pass over
 * precomputed keys, with no sorting: people whose name or email starts with the query first, then those
 * containing it, each in name order. 50,000 people is a few milliseconds a query.
 */
export class PeopleIndex {
  private readonly entries: Entry[];

  constructor(people: readonly Person[], locale = 'en-US') {
    const order = byName(locale);
    this.entries = people
      .map((person) => {
        const name = searchKey(person.name);
        const email = searchKey(person.email);
        const reading = person.nameReading ? searchKey(person.nameReading) : '';
        const words = [...`${name} ${reading}`.split(/[\s()（）,、・]+/).filter(Boolean), name, ...(reading ? [reading] : []), email, email.split('@')[0] ?? ''];
        return { person, words, haystack: `${name}\u0000${reading}\u0000${email}` };
      })
      .sort((a, b) => order(a.person, b.person));
  }

  get size(): number {
    return this.entries.length;
  }

  /** A page of people matching `query` (all people, in name order, when it is empty). */
  search(query: string, skip = 0, top = 25, exclude?: (person: Person) => boolean): PeoplePage {
    const q = searchKey(query);
    const want = skip + top;
    const prefix: Person[] = [];
    const contains: Person[] = [];
    let total = 0;
    for (const entry of this.entries) {
      if (exclude?.(entry.person)) continue;
      if (!q) {
        if (prefix.length < want) prefix.push(entry.person);
        total++;
        continue;
      }
      if (entry.words.some((w) => w.startsWith(q))) {
        if (prefix.length < want) prefix.push(entry.person);
        total++;
      } else if (entry.haystack.includes(q)) {
        if (contains.length < want) contains.push(entry.person);
        total++;
      }
    }
    return { people: [...prefix, ...contains].slice(skip, want), total };
  }
}

// The index of the people list currently in the inventory. The inventory changes only by whole
// replacement (import) or by people being appended (R1.7), and a name or email is never edited in
// place, so "same array, same length" means "same index". Immutable once built: safe to share between turns.
const built = new WeakMap<readonly Person[], Map<string, { length: number; index: PeopleIndex }>>();

/** The index of `people` in the name order of `locale` (the reader's). */
export function peopleIndex(people: readonly Person[], locale = 'en-US'): PeopleIndex {
  const byLocale = built.get(people) ?? new Map<string, { length: number; index: PeopleIndex }>();
  built.set(people, byLocale);
  const cached = byLocale.get(locale);
  if (cached && cached.length === people.length) return cached.index;
  const index = new PeopleIndex(people, locale);
  byLocale.set(locale, { length: people.length, index });
  return index;
}
