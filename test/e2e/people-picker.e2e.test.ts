import { ok } from '../../src/domain/errors.js';
import { startHarness, execute, type Harness } from '../support/bot-harness.js';
import { inputs } from '../support/card-parts.js';
import { validateCard } from '../support/adaptive-cards.js';
import { PEOPLE } from '../support/demo.js';

/**
 * The people picker of Assign user and of the marketing contact: the card lists up to 25 people itself,
 * and asks Teams' typeahead (Data.Query) only when the company has more candidates than that. A client
 * that drops static choices where a Data.Query is present (the Agents Playground) still shows a small
 * company's people; a large company is searched.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const picker = async (verb: string, data: Record<string, unknown>) => {
  const { body } = await h.post(execute(h.connector, PEOPLE.globalAdmin, verb, data));
  expect(validateCard(body.value)).toEqual([]);
  return inputs(body.value).personId;
};
const FORMS: [string, string, Record<string, unknown>][] = [
  ['Assign user', 'assignSeatForm', { subscriptionId: 'vs-professional' }],
  ['the marketing contact', 'marketingContactForm', {}],
];

describe('the people picker: every person listed, or searched when there are too many to list', () => {
  it.each(FORMS)('%s, in a company of 8: every candidate is a static choice and no Data.Query is asked for', async (_name, verb, data) => {
    const person = await picker(verb, data);
    expect(person['choices.data']).toBeUndefined();
    expect(person.choices.length).toBeGreaterThan(0);
    expect(person.choices.length).toBeLessThanOrEqual(h.stores.inventory.current()!.people.length);
  });

  it.each(FORMS)('%s, in a company of 38: the first 25 are listed and Teams searches the rest (Data.Query "people")', async (_name, verb, data) => {
    if (h.stores.inventory.current()!.people.length < 38) {
      await h.stores.inventory.transact((inventory) => {
        for (let i = 0; i < 30; i++) inventory.people.push({ aadObjectId: `b2000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Person ${String(i).padStart(2, '0')}`, email: `person${i}@fabrikam.co.jp`, roles: [] });
        return ok(undefined);
      });
    }
    const person = await picker(verb, data);
    expect(person['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people' });
    expect(person.choices).toHaveLength(25);
  });
});
