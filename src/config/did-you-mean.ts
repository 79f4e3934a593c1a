/** Edits (insert, delete, replace one character) between two short strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** A name as a person might mistype it: case, `_` and `-` do not count. */
const folded = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
/** The known names folded once per list: each of the environment's variables is compared with all of them. */
const foldedLists = new WeakMap<readonly string[], string[]>();
function foldedOf(known: readonly string[]): string[] {
  let list = foldedLists.get(known);
  if (!list) foldedLists.set(known, (list = known.map(folded)));
  return list;
}

/**
 * The known setting that `name` looks like a misspelling of, if any: the same letters in another case
 * or with other separators (`MicrosoftAppID`, `Port`, `DataDir`), or one edit away for a long name (two
 * for a very long one). Names of other programs (PATH, HOME, NODE_OPTIONS …) resemble none of ours.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  if (known.includes(name)) return undefined;
  const f = folded(name);
  const allowed = f.length >= 12 ? 2 : f.length >= 7 ? 1 : 0;
  let best: { key: string; edits: number } | undefined;
  const foldedKnown = foldedOf(known);
  for (const [i, key] of known.entries()) {
    const other = foldedKnown[i]!;
    // No fewer edits than the difference in length: most names of other programs stop here.
    if (Math.abs(other.length - f.length) > allowed) continue;
    const edits = distance(f, other);
    if (edits <= allowed && (!best || edits < best.edits)) best = { key, edits };
  }
  return best?.key;
}
