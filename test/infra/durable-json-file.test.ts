import { jsonSlices, type KeptLists } from '../../src/infra/store/durable-json-file.js';
import { deepFreeze } from '../../src/lib/deep-freeze.js';

/** The text of a serialisation, its parts strings or (a kept list's) UTF-8 bytes. */
async function textOf(value: unknown, kept?: KeptLists): Promise<{ text: string; parts: (string | Buffer)[] }> {
  const parts: (string | Buffer)[] = [];
  for await (const part of jsonSlices(value, kept)) parts.push(part);
  return { text: parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join(''), parts };
}

describe('a large document serialised in slices', () => {
  it("is JSON.stringify's very text, whatever its big arrays hold", async () => {
    const people = Array.from({ length: 8000 }, (_, i) => ({ aadObjectId: `p${i}`, name: `Person "${i}" 日本`, roles: i % 7 ? [] : ['globalAdmin'] }));
    const odd = Array.from({ length: 40 }, (_, i) => [undefined, null, () => 1, new Date(0), i, 'x', Array.from({ length: 20 }, (_, j) => j), { nested: Array.from({ length: 30 }, (_, j) => ({ j })) }][i % 8]);
    const document = { schemaVersion: 1, inventory: { people, benefits: { software: Array.from({ length: 500 }, (_, i) => ({ id: `sw-${i}`, keys: [`k${i}`], skipped: undefined })), odd }, empty: [] }, journalSeq: 7 };
    const { text, parts } = await textOf(document);
    expect(parts.length).toBeGreaterThan(1);
    expect(text).toBe(JSON.stringify(document));
  });

  it('written again and again with its long frozen lists kept, each snapshot is still that moment\'s very text', async () => {
    const kept: KeptLists = new WeakMap();
    const people = deepFreeze(Array.from({ length: 3000 }, (_, i) => ({ aadObjectId: `p${i}`, name: `Person "${i}" 日本`, roles: i % 7 ? [] : ['globalAdmin'] })));
    const software = deepFreeze(Array.from({ length: 400 }, (_, i) => ({ id: `sw-${i}`, keys: [`k${i}`] })));
    const at = (journalSeq: number, inventory: object) => ({ schemaVersion: 1, inventory, journalSeq });
    const first = at(1, deepFreeze({ people, benefits: { software } }));
    expect((await textOf(first, kept)).text).toBe(JSON.stringify(first));
    // The same lists, another state around them: their bytes are the first snapshot's.
    const second = at(2, deepFreeze({ people, benefits: { software }, approvalsConversationId: 'c' }));
    const again = await textOf(second, kept);
    expect(again.text).toBe(JSON.stringify(second));
    expect(again.parts.filter((p) => Buffer.isBuffer(p)).length).toBeGreaterThan(0);
    // A person changed is a new list: written anew, and the list that did not change still kept.
    const changed = deepFreeze(people.map((p, i) => (i === 1234 ? { ...p, name: 'Renamed ✓' } : p)));
    const third = at(3, deepFreeze({ people: changed, benefits: { software } }));
    expect((await textOf(third, kept)).text).toBe(JSON.stringify(third));
    const fourth = at(4, deepFreeze({ people: changed, benefits: { software: deepFreeze([...software, { id: 'sw-new', keys: [] }]) } }));
    expect((await textOf(fourth, kept)).text).toBe(JSON.stringify(fourth));
  });

  it('without the kept lists, or for a list that is not frozen, nothing is kept: a list changed in place is written as it is now', async () => {
    const kept: KeptLists = new WeakMap();
    const people = Array.from({ length: 3000 }, (_, i) => ({ id: `p${i}` }));
    const document = { inventory: { people } };
    expect((await textOf(document, kept)).text).toBe(JSON.stringify(document));
    people[5]!.id = 'changed';
    people.push({ id: 'added' });
    expect((await textOf(document, kept)).text).toBe(JSON.stringify(document));
  });
});

