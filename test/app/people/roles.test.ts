import { addPerson } from '../../../src/app/people/people.js';
import { grantRole, removeRole } from '../../../src/app/people/roles.js';
import { type Action } from '../../../src/domain/policy.js';
import { ROLES_TABLE } from '../../support/roles-table.js';
import { ROLES, type Role } from '../../../src/domain/roles.js';
import { openAppStage, type AppStage } from '../../support/app-stage.js';

/** One demo person holding exactly each role (test/support/demo.ts). */
const HOLDER: Record<Role, string> = { globalAdmin: 'misaki.sato', userAdmin: 'yumi.takahashi', adminAgent: 'sho.tanaka', mpnPartnerAdmin: 'kenta.suzuki' };
const MISAKI = '佐藤 美咲 (Misaki Sato)';
const EMILY = 'Emily Clark';
const NEWCOMER = { name: 'Haruto Kato', email: 'haruto.kato@fabrikam.co.jp', aadObjectId: '0f9e8d7c-6b5a-4321-8fed-cba987654321' };

let s: AppStage;
beforeEach(async () => {
  s = await openAppStage();
});
afterEach(() => s.close());

/** The audit trail, oldest first. */
const audit = async () => (await s.trail()).reverse();

/** Each change, what it does to the demo company, and how to see that it happened. */
const CHANGES: { name: string; action: Action; run: (role: Role) => Promise<{ ok: boolean; error?: unknown }>; happened: () => boolean }[] = [
  {
    name: 'add person',
    action: 'manageUsers',
    run: (role) => addPerson(s.deps, s.actor(HOLDER[role]), NEWCOMER),
    happened: () => s.inventory.current()!.people.some((p) => p.aadObjectId === NEWCOMER.aadObjectId),
  },
  {
    name: 'grant a role',
    action: 'grantRoles',
    run: (role) => grantRole(s.deps, s.actor(HOLDER[role]), { personId: s.person('naoki.ito').aadObjectId, role: 'adminAgent' }),
    happened: () => s.person('naoki.ito').roles.includes('adminAgent'),
  },
  {
    name: 'remove a role',
    action: 'grantRoles',
    run: (role) => removeRole(s.deps, s.actor(HOLDER[role]), { personId: s.person('emily.clark').aadObjectId, role: 'mpnPartnerAdmin' }),
    happened: () => !s.person('emily.clark').roles.includes('mpnPartnerAdmin'),
  },
];

describe('people and roles: every role × every change, by the R1 table', () => {
  const rows = CHANGES.flatMap((change) => ROLES.map((role) => [change.name, role, (ROLES_TABLE[change.action].allowed as readonly string[]).includes(role)] as const));

  it.each(rows)('%s by a %s → allowed: %s', async (name, role, allowed) => {
    const change = CHANGES.find((c) => c.name === name)!;
    const result = await change.run(role);
    expect(result.ok).toBe(allowed);
    expect(change.happened()).toBe(allowed);
    if (allowed) {
      expect(await audit()).toHaveLength(1);
      expect((await audit())[0]).toMatchObject({ actor: { aadObjectId: s.person(HOLDER[role]).aadObjectId }, where: { conversationId: `a:personal-${s.person(HOLDER[role]).aadObjectId}` } });
    } else {
      // R1.6: the refusal says what the change needs and names the company's Global admins.
      expect(result.error).toEqual({ code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ROLES_TABLE[change.action].allowed, globalAdmins: [MISAKI, EMILY] } });
      expect(await audit()).toHaveLength(0);
    }
  });
});

describe('R1.7: the audit line of each change', () => {
  it('add person records whom, with their email; the person starts with no role', async () => {
    const result = await addPerson(s.deps, s.actor('yumi.takahashi'), NEWCOMER);
    expect(result).toMatchObject({ ok: true, value: { ...NEWCOMER, roles: [] } });
    expect((await audit())[0]).toMatchObject({ action: 'addPerson', target: { kind: 'person', id: NEWCOMER.aadObjectId, name: NEWCOMER.name }, details: { email: NEWCOMER.email } });
  });

  it('grant and remove record the role', async () => {
    const naoki = s.person('naoki.ito').aadObjectId;
    expect((await grantRole(s.deps, s.actor('misaki.sato'), { personId: naoki, role: 'userAdmin' })).ok).toBe(true);
    expect((await removeRole(s.deps, s.actor('misaki.sato'), { personId: naoki, role: 'userAdmin' })).ok).toBe(true);
    expect((await audit()).map((e) => [e.action, e.target.id, e.details?.role])).toEqual([
      ['grantRole', naoki, 'userAdmin'],
      ['removeRole', naoki, 'userAdmin'],
    ]);
  });

  it('a wrong field refuses with what is wrong where, adds nothing and records nothing', async () => {
    const result = await addPerson(s.deps, s.actor('misaki.sato'), { ...NEWCOMER, email: 'emily.clark@fabrikam.co.jp', aadObjectId: 'not-a-guid' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalidPerson' },
      problems: [
        { field: 'email', problem: 'duplicateEmail', existing: EMILY },
        { field: 'aadObjectId', problem: 'invalidGuid' },
      ],
    });
    expect(s.inventory.current()!.people).toHaveLength(8);
    expect(await audit()).toHaveLength(0);
  });

  it('a role already held, or not held, is refused by name and records nothing', async () => {
    const kenta = s.person('kenta.suzuki').aadObjectId;
    expect(await grantRole(s.deps, s.actor('misaki.sato'), { personId: kenta, role: 'mpnPartnerAdmin' })).toEqual({ ok: false, error: { code: 'roleAlreadyHeld', params: { name: '鈴木 健太 (Kenta Suzuki)', role: 'mpnPartnerAdmin' } } });
    expect(await removeRole(s.deps, s.actor('misaki.sato'), { personId: kenta, role: 'userAdmin' })).toEqual({ ok: false, error: { code: 'roleNotHeld', params: { name: '鈴木 健太 (Kenta Suzuki)', role: 'userAdmin' } } });
    expect(await audit()).toHaveLength(0);
  });
});

describe('R1.7: the last Global admin keeps the role', () => {
  it('Global admin can be removed while another holds it, never from the last one', async () => {
    const misaki = s.person('misaki.sato').aadObjectId;
    expect((await removeRole(s.deps, s.actor('misaki.sato'), { personId: s.person('emily.clark').aadObjectId, role: 'globalAdmin', confirmed: true })).ok).toBe(true);
    expect(await removeRole(s.deps, s.actor('misaki.sato'), { personId: misaki, role: 'globalAdmin', confirmed: true })).toEqual({ ok: false, error: { code: 'lastGlobalAdmin', params: { name: MISAKI } } });
    expect(s.person('misaki.sato').roles).toContain('globalAdmin');
    expect((await audit()).map((e) => e.action)).toEqual(['removeRole']);
  });

  it('two Global admins removing each other at once: one succeeds, the other has lost the role by then', async () => {
    const [a, b] = await Promise.all([
      removeRole(s.deps, s.actor('misaki.sato'), { personId: s.person('emily.clark').aadObjectId, role: 'globalAdmin', confirmed: true }),
      removeRole(s.deps, s.actor('emily.clark'), { personId: s.person('misaki.sato').aadObjectId, role: 'globalAdmin', confirmed: true }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ['globalAdmin'], globalAdmins: [MISAKI] } } });
    expect(s.inventory.current()!.people.filter((p) => p.roles.includes('globalAdmin')).map((p) => p.name)).toEqual([MISAKI]);
  });
});

describe('R1.6: a change asked for by someone who has just lost the role is refused, naming the Global admins as they are now', () => {
  // Kenta holds MPN partner admin only: granting User admin or removing MPN partner admin would change him.
  it.each([
    ['grant', () => grantRole, 'userAdmin'],
    ['remove', () => removeRole, 'mpnPartnerAdmin'],
  ] as const)('%s a role', async (_name, useCase, role) => {
    const emilyBefore = s.actor('emily.clark');
    await removeRole(s.deps, s.actor('misaki.sato'), { personId: emilyBefore.person.aadObjectId, role: 'globalAdmin', confirmed: true });
    const target = s.person('kenta.suzuki').aadObjectId;
    const result = await useCase()(s.deps, emilyBefore, { personId: target, role });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ['globalAdmin'], globalAdmins: [MISAKI] } } });
    expect(s.person('kenta.suzuki').roles).toEqual(['mpnPartnerAdmin']);
    expect((await audit()).map((e) => e.action)).toEqual(['removeRole']);
  });

  it('add person by a User admin whose role was removed meanwhile', async () => {
    const yumiBefore = s.actor('yumi.takahashi');
    await removeRole(s.deps, s.actor('misaki.sato'), { personId: yumiBefore.person.aadObjectId, role: 'userAdmin' });
    const result = await addPerson(s.deps, yumiBefore, NEWCOMER);
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', denial: { rule: 'R1.7', requiredRoles: ['globalAdmin', 'userAdmin'], globalAdmins: [MISAKI, EMILY] } }, problems: [] });
    expect(s.inventory.current()!.people).toHaveLength(8);
  });
});
