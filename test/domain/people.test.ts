import { STARTED_FROM, type Inventory } from '../../src/domain/inventory.js';
import { addPerson, findPersonById, grantRole, readPersonById, removeRole } from '../../src/domain/people.js';
import { ROLES } from '../../src/domain/roles.js';

const GA1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const GA2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const USER = 'aaaaaaaa-0000-4000-8000-000000000003';

function inventory(): Inventory {
  return {
    organization: { tenantId: 't', name: 'Co', mpnId: '1', partnerCenterAccountEmail: 'pc@example.com', managedInPmc: false, packages: [] },
    people: [
      { aadObjectId: GA1, name: 'Ada', email: 'ada@example.com', roles: ['globalAdmin'] },
      { aadObjectId: GA2, name: 'Bo', email: 'bo@example.com', roles: ['globalAdmin', 'mpnPartnerAdmin'] },
      { aadObjectId: USER, name: 'Cy', email: 'cy@example.com', roles: [] },
    ],
    benefits: { software: [], cloud: [], visualStudio: [], technical: [], goToMarket: [] },
  };
}

describe('R1.7: adding a person, each field checked', () => {
  const good = { name: '  山田   花子 ', email: ' hanako@example.com ', aadObjectId: 'BBBBBBBB-0000-4000-8000-000000000009' };
  it('adds a valid person, trimmed, with no role', () => {
    const inv = inventory();
    const result = addPerson(inv, good);
    expect(result.ok).toBe(true);
    expect(inv.people.at(-1)).toEqual({ name: '山田 花子', email: 'hanako@example.com', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000009', roles: [] });
  });

  it.each([
    ['an empty name', { name: '   ' }, [{ field: 'name', problem: 'required' }]],
    ['a name too long', { name: 'x'.repeat(201) }, [{ field: 'name', problem: 'tooLong' }]],
    ['no email', { email: '' }, [{ field: 'email', problem: 'required' }]],
    ['an email without @', { email: 'hanako.example.com' }, [{ field: 'email', problem: 'invalidEmail' }]],
    ['an email without a domain', { email: 'hanako@localhost' }, [{ field: 'email', problem: 'invalidEmail' }]],
    ['an email with a space', { email: 'hana ko@example.com' }, [{ field: 'email', problem: 'invalidEmail' }]],
    ["someone else's email, in capitals", { email: 'ADA@example.com' }, [{ field: 'email', problem: 'duplicateEmail', existing: 'Ada' }]],
    ['an id that is not a GUID', { aadObjectId: 'hanako' }, [{ field: 'aadObjectId', problem: 'invalidGuid' }]],
    ['an id one digit short', { aadObjectId: 'bbbbbbbb-0000-4000-8000-00000000000' }, [{ field: 'aadObjectId', problem: 'invalidGuid' }]],
    ["someone else's id, in capitals", { aadObjectId: GA1.toUpperCase() }, [{ field: 'aadObjectId', problem: 'duplicateId', existing: 'Ada' }]],
    ['everything wrong at once', { name: '', email: 'x', aadObjectId: 'y' }, [{ field: 'name', problem: 'required' }, { field: 'email', problem: 'invalidEmail' }, { field: 'aadObjectId', problem: 'invalidGuid' }]],
  ])('refuses %s and adds no one', (_name, change, problems) => {
    const inv = inventory();
    const result = addPerson(inv, { ...good, ...change });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(problems);
    expect(inv.people).toHaveLength(3);
  });
});

describe('R1.7: granting and removing the four roles', () => {
  it.each(ROLES)('grants %s to a person without it, then removes it', (role) => {
    const inv = inventory();
    expect(grantRole(inv, USER, role)).toMatchObject({ ok: true, value: { role } });
    expect(inv.people[2]!.roles).toEqual([role]);
    expect(grantRole(inv, USER, role)).toMatchObject({ ok: false, error: { code: 'roleAlreadyHeld' } });
    expect(removeRole(inv, USER, role)).toMatchObject({ ok: true });
    expect(inv.people[2]!.roles).toEqual([]);
    expect(removeRole(inv, USER, role)).toMatchObject({ ok: false, error: { code: 'roleNotHeld' } });
  });

  it('keeps the other roles of a person with several (R1.1)', () => {
    const inv = inventory();
    expect(removeRole(inv, GA2, 'mpnPartnerAdmin').ok).toBe(true);
    expect(inv.people[1]!.roles).toEqual(['globalAdmin']);
  });

  it('removes a Global admin while another remains, then refuses to remove the last one', () => {
    const inv = inventory();
    expect(removeRole(inv, GA1, 'globalAdmin').ok).toBe(true);
    const before = JSON.stringify(inv);
    expect(removeRole(inv, GA2, 'globalAdmin')).toEqual({ ok: false, error: { code: 'lastGlobalAdmin', params: { name: 'Bo' } } });
    expect(JSON.stringify(inv)).toBe(before);
  });

  it('refuses an unknown person (a forged id)', () => {
    const inv = inventory();
    expect(grantRole(inv, 'ffffffff-0000-4000-8000-000000000000', 'globalAdmin')).toMatchObject({ ok: false, error: { code: 'personNotFound' } });
  });
});

describe('finding a person by id inside a change (50,000 people)', () => {
  const id = (n: number) => `bbbbbbbb-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const many = (count: number): Inventory => ({ ...inventory(), people: Array.from({ length: count }, (_, n) => ({ aadObjectId: id(n), name: `P${n}`, email: `p${n}@example.com`, roles: [] })) });
  /** A draft-like list (not frozen) that counts the people read through it, as immer makes a proxy per read. */
  function counted(people: readonly Inventory['people'][number][]) {
    const reads = { count: 0 };
    const list = new Proxy([...people], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
        return Reflect.get(target, key, receiver);
      },
    });
    return { list, reads };
  }

  test('inside a change, a person near the end of the draft list is found by reading one person, or none to read', () => {
    const committed = many(50_000);
    Object.freeze(committed.people);
    const { list, reads } = counted(committed.people);
    const draft: Inventory = { ...committed, people: list, [STARTED_FROM]: committed };
    expect(findPersonById(draft, id(49_998).toUpperCase())?.name).toBe('P49998');
    expect(reads.count).toBe(1);
    const read = readPersonById(draft, id(49_999));
    expect(read).toBe(committed.people[49_999]);
    expect(reads.count).toBe(1);
  });

  test.each([
    ['reordered since the committed list (an import)', (people: Inventory['people']) => [...people].reverse(), id(7), 'P7'],
    ['a person added inside this change', (people: Inventory['people']) => [...people, { aadObjectId: id(99), name: 'New', email: 'n@example.com', roles: [] }], id(99), 'New'],
  ])('a stale guess is checked and the list searched: %s', (_what, change, wanted, name) => {
    const committed = many(10);
    Object.freeze(committed.people);
    const draft: Inventory = { ...committed, people: change(committed.people), [STARTED_FROM]: committed };
    expect(findPersonById(draft, wanted)?.name).toBe(name);
    expect(findPersonById(draft, id(12345))).toBeUndefined();
  });

  test('outside a change (no committed inventory named), a list that can still change is searched as it is', () => {
    const plain = many(3);
    expect(findPersonById(plain, id(2))?.name).toBe('P2');
    expect(readPersonById(plain, id(2))?.name).toBe('P2');
  });
});
