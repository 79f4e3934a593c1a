import type { Person } from './inventory.js';

/** Lower case, full-width letters folded (NFKC), spaces collapsed: what a person types and what we match. */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
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

/** The name order of a reader's language: Japanese orders kana by 五十音 and kanji by their JIS (on-reading) order. */
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
    const collator = collatorOf(locale);
    this.entries = people
      .map((person) => {
        const name = searchKey(person.name);
        const email = searchKey(person.email);
        const words = [...name.split(/[\s()（）,、・]+/).filter(Boolean), name, email, email.split('@')[0] ?? ''];
        return { person, words, haystack: `${name}\u0000${email}` };
      })
      .sort((a, b) => collator.compare(a.person.name, b.person.name) || a.person.aadObjectId.localeCompare(b.person.aadObjectId));
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
