import { randomBytes } from 'node:crypto';
import { memoByInventory, toJsonBody } from '../../src/chat/views/render-cache.js';
import { overviewCard } from '../../src/chat/views/overview-card.js';
import { sealInventory } from '../../src/app/inventory-file.js';
import { overviewOf } from '../../src/app/overview/overview.js';
import { AesGcmKeySealer } from '../../src/infra/crypto/aes-gcm-key-sealer.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { demoInventoryFile, PEOPLE } from '../support/demo.js';

const inventory: Inventory = sealInventory(demoInventoryFile(), new AesGcmKeySealer(randomBytes(32)));
const person = inventory.people.find((p) => p.aadObjectId === PEOPLE.globalAdmin.aadObjectId)!;

describe('render cache (a card served to every turn is built and written once)', () => {
  test('a cached card is the same object for the same inventory and key, and a new one after a change', () => {
    let builds = 0;
    const build = () => {
      builds++;
      return overviewCard('en-US', overviewOf(inventory, person, new Date()));
    };
    const first = memoByInventory(inventory, 'k', build);
    expect(memoByInventory(inventory, 'k', build)).toBe(first);
    expect(builds).toBe(1);
    const changed: Inventory = { ...inventory };
    expect(memoByInventory(changed, 'k', build)).not.toBe(first);
    expect(builds).toBe(2);
  });

  test('a cached card is frozen all the way down: a turn cannot change what other turns are served', () => {
    const card = memoByInventory(inventory, 'frozen', () => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'a', nested: { items: [1] } }] }));
    expect(() => {
      (card.body[0] as { text: string }).text = 'b';
    }).toThrow(TypeError);
    expect(() => (card.body[0]!.nested.items as number[]).push(2)).toThrow(TypeError);
    expect(card.body[0]!.text).toBe('a');
  });

  // toJson writes what the HTTP answer carries: it must be JSON.stringify's text, whatever it is given.
  const card = memoByInventory(inventory, 'json', () => overviewCard('ja-JP', overviewOf(inventory, person, new Date())));
  const cases: [string, unknown][] = [
    ['an invoke answer carrying a cached card', { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }],
    ['expectReplies activities carrying a cached card twice', { activities: [{ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }, { type: 'message', text: 'x', attachments: [{ content: card }] }] }],
    ['undefined members left out, in arrays written null', { a: undefined, b: [undefined, () => 1, Symbol('s'), 1], c: () => 2, d: null }],
    ['dates and toJSON', { at: new Date('2026-11-25T01:02:03Z'), custom: { toJSON: () => 'custom' } }],
    ['strings that need escaping', { 'ke"y': 'line\nbreak "quote" \u2028 日本語 \\ ${x}', '': '' }],
    ['numbers and booleans', { n: [0, -1.5, 1e21, NaN, Infinity], t: true, f: false }],
    ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 })],
    ['a class instance', new (class Point { constructor(readonly x = 1, readonly y = 2) {} })()],
    ['primitives', 'text'],
    ['null', null],
    ['a cached card alone', card],
  ];
  test.each(cases)('%s: the same text as JSON.stringify', (_name, value) => {
    expect(String(toJsonBody(value))).toBe(JSON.stringify(value));
  });

  test('an answer carrying a cached card is written as bytes, the card\'s bytes reused from one answer to the next', () => {
    const answer = (statusCode: number) => toJsonBody({ statusCode, value: card }) as Buffer;
    expect(Buffer.isBuffer(answer(200))).toBe(true);
    expect(JSON.parse(answer(200).toString('utf8'))).toEqual({ statusCode: 200, value: JSON.parse(JSON.stringify(card)) });
    expect(answer(200).equals(answer(200))).toBe(true);
    expect(answer(201).toString('utf8')).toContain('"statusCode":201');
    expect(typeof toJsonBody({ value: { type: 'AdaptiveCard' } })).toBe('string');
  });

  test('a value the cache did not serve is written afresh each time: a changed object is written as it now is', () => {
    const reply = { statusCode: 200, value: { text: 'before' } };
    expect(toJsonBody(reply)).toContain('before');
    reply.value.text = 'after';
    expect(toJsonBody(reply)).toContain('after');
  });
});
