import { jsonSlices } from '../../src/infra/store/durable-json-file.js';

describe('a large document serialised in slices', () => {
  it("is JSON.stringify's very text, whatever its big arrays hold", async () => {
    const people = Array.from({ length: 8000 }, (_, i) => ({ aadObjectId: `p${i}`, name: `Person "${i}" 日本`, roles: i % 7 ? [] : ['globalAdmin'] }));
    const odd = Array.from({ length: 40 }, (_, i) => [undefined, null, () => 1, new Date(0), i, 'x', Array.from({ length: 20 }, (_, j) => j), { nested: Array.from({ length: 30 }, (_, j) => ({ j })) }][i % 8]);
    const document = { schemaVersion: 1, inventory: { people, benefits: { software: Array.from({ length: 500 }, (_, i) => ({ id: `sw-${i}`, keys: [`k${i}`], skipped: undefined })), odd }, empty: [] }, journalSeq: 7 };
    const slices: string[] = [];
    for await (const slice of jsonSlices(document)) slices.push(slice);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.join('')).toBe(JSON.stringify(document));
  });
});
