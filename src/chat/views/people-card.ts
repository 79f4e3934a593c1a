import type { TextColor } from '../../cards/colors.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import { EMAIL_MAX, NAME_MAX, type FieldProblem, type NewPerson, type PersonField } from '../../domain/people.js';
import type { PeoplePage } from '../../domain/people-search.js';
import { ROLES } from '../../domain/roles.js';
import { listOf, t, type Locale, type MessageKey } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { authorize } from '../../domain/policy.js';
import type { Role } from '../../domain/roles.js';
import { confirmCard } from './confirm-card.js';
import { whoCan } from './groups/who-can.js';

/** How many people the people card lists: a card stays well under Teams' size limit. */
export const PEOPLE_PAGE_SIZE = 20;

function rolesText(locale: Locale, person: Person): string {
  return person.roles.length ? listOf(locale, person.roles.map((r) => t(locale, `role.${r}`))) : t(locale, 'people.noRole');
}

/** R1.7: the company's people with their roles, searchable, with Add person. */
export function peopleCard(locale: Locale, inventory: Inventory, query: string, page: PeoplePage, notice?: string): AdaptiveCard {
  const count = inventory.people.length;
  return renderCard('people', {
    title: t(locale, 'people.title'),
    subtitle: query
      ? t(locale, 'people.matching', { total: page.total, count, query })
      : t(locale, 'people.subtitle', { count, company: inventory.organization.name }),
    notice,
    searchLabel: t(locale, 'people.searchLabel'),
    // The company's own domain as the example (it was the demo company's in every company).
    searchPlaceholder: t(locale, 'people.searchPlaceholder', { domain: inventory.organization.partnerCenterAccountEmail.split('@')[1] ?? 'example.com' }),
    query,
    searchButton: t(locale, 'people.search'),
    emptyText: t(locale, 'people.empty', { query }),
    people: page.people.map((p) => ({
      aadObjectId: p.aadObjectId,
      name: p.name,
      email: p.email,
      rolesText: rolesText(locale, p),
      rolesColor: (p.roles.length ? 'Default' : 'Attention') satisfies TextColor,
    })),
    more: page.total > page.people.length ? t(locale, 'people.more', { shown: page.people.length, total: page.total }) : undefined,
    rolesButton: t(locale, 'people.rolesButton'),
    addLabel: t(locale, 'people.add'),
    backLabel: t(locale, 'list.back'),
  });
}

/** Who looks at a person card: their roles decide whether it offers Grant and Remove (R1.7). */
export interface PersonCardViewer {
  person: Person;
  inventory: Inventory;
}

/**
 * R1.1, R1.7: one person's four roles, each with Grant or Remove for a Global admin; anyone else reads
 * who grants roles and whom to ask (R1.6), as a row without its button says elsewhere.
 */
export function personCard(locale: Locale, person: Person, viewer: PersonCardViewer, notice?: string): AdaptiveCard {
  const decision = authorize(viewer.person, 'grantRoles', viewer.inventory.people);
  return renderCard('person', {
    name: person.name,
    aadObjectId: person.aadObjectId,
    facts: [
      { title: t(locale, 'people.email'), value: person.email },
      { title: t(locale, 'people.aadObjectId'), value: person.aadObjectId },
    ],
    notice,
    rolesTitle: t(locale, 'people.roles'),
    roles: ROLES.map((role) => {
      const held = person.roles.includes(role);
      return {
        role,
        label: t(locale, `role.${role}`),
        stateText: t(locale, held ? 'people.role.held' : 'people.role.notHeld'),
        stateColor: 'Default' satisfies TextColor, // the word says held or not: no host green (src/cards/colors.ts)
        ...(decision.allowed ? { button: t(locale, held ? 'people.remove' : 'people.grant'), verb: held ? 'removeRole' : 'grantRole' } : {}),
      };
    }),
    rolesNote: decision.allowed ? t(locale, 'people.rolesNote') : whoCan(locale, 'people.whoCanChangeRoles', decision),
    backLabel: t(locale, 'people.back'),
  });
}

const FIELDS: { id: PersonField; label: MessageKey; placeholder: MessageKey; style: string; maxLength: number; optional?: true; help?: MessageKey }[] = [
  { id: 'name', label: 'people.name', placeholder: 'people.form.namePlaceholder', style: 'text', maxLength: NAME_MAX },
  { id: 'nameReading', label: 'people.nameReading', placeholder: 'people.form.readingPlaceholder', style: 'text', maxLength: NAME_MAX, optional: true, help: 'people.form.readingHelp' },
  { id: 'email', label: 'people.email', placeholder: 'people.form.emailPlaceholder', style: 'email', maxLength: EMAIL_MAX },
  { id: 'aadObjectId', label: 'people.aadObjectId', placeholder: 'people.form.idPlaceholder', style: 'text', maxLength: 36, help: 'people.form.idHelp' },
];

export function problemText(locale: Locale, problem: FieldProblem): string {
  const max = problem.field === 'email' ? EMAIL_MAX : NAME_MAX;
  return t(locale, `people.problem.${problem.problem}`, { max, existing: problem.existing ?? '' });
}

/** R1.7, R5.3: name, email and AAD object ID; shown again with the values and what is wrong after a refusal. */
export function addPersonCard(locale: Locale, values: Partial<NewPerson> = {}, problems: FieldProblem[] = []): AdaptiveCard {
  return renderCard('add-person', {
    title: t(locale, 'people.form.title'),
    intro: t(locale, 'people.form.intro'),
    notice: problems.length ? t(locale, 'people.form.problems') : undefined,
    fields: FIELDS.map((f) => {
      const problem = problems.find((p) => p.field === f.id);
      return {
        id: f.id,
        label: t(locale, f.label),
        placeholder: t(locale, f.placeholder),
        value: values[f.id] ?? '',
        style: f.style,
        maxLength: f.maxLength,
        required: !f.optional,
        errorMessage: t(locale, 'people.form.required'),
        problem: problem ? problemText(locale, problem) : undefined,
        help: f.help ? t(locale, f.help) : undefined,
      };
    }),
    submitLabel: t(locale, 'people.form.submit'),
    backLabel: t(locale, 'people.back'),
  });
}

/**
 * R1.7: asked before a Global admin's role is removed: what the person can no longer do, and who would
 * remain to give it back (one's own removal locks one out of role management).
 */
export function removeRoleCard(locale: Locale, inventory: Inventory, person: Person, role: Role, self: boolean): AdaptiveCard {
  const roleName = t(locale, `role.${role}`);
  const remaining = inventory.people.filter((p) => p.roles.includes('globalAdmin') && p.aadObjectId !== person.aadObjectId).map((p) => p.name);
  return confirmCard({
    title: t(locale, 'people.confirm.title', { name: person.name, role: roleName }),
    facts: [
      { title: t(locale, 'people.name'), value: person.name },
      { title: t(locale, 'people.roles'), value: rolesText(locale, person) },
    ],
    lost: [
      t(locale, self ? 'people.confirm.lostSelf' : 'people.confirm.lost', { name: person.name }),
      t(locale, 'people.confirm.remaining', { admins: listOf(locale, remaining) || t(locale, 'common.none') }),
    ],
    question: t(locale, 'people.confirm.question', { name: person.name, role: roleName }),
    confirm: { title: t(locale, 'people.confirm.yes', { role: roleName }), data: { verb: 'removeRole', personId: person.aadObjectId, role } },
    back: { title: t(locale, 'people.back'), data: { verb: 'showPerson', personId: person.aadObjectId } },
  });
}
