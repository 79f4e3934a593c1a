import { fail, ok, type Result } from '../../domain/errors.js';
import type { Inventory } from '../../domain/inventory.js';
import { assignMarketingContact, type ContactChange, type ContactProblem, type MarketingContactInput } from '../../domain/go-to-market.js';
import type { Action } from '../../domain/policy.js';
import { allow, changeAs, record, type Actor, type AppDeps } from '../use-case.js';

/**
 * Who sets the marketing contact: Global admin. R1.3 names "the go-to-market marketing contact" among the
 * assignments that require Global admin; R1.5 (Global admin or MPN partner admin) covers the other
 * Go-To-Market tasks. The narrower, explicit rule wins: an MPN partner admin sees the contact and
 * activates offers, but does not assign the contact.
 */
const SET_CONTACT: Action = 'assignBenefit';

/** R7.3: Add (no contact yet), Update (the current one's details), Change (another person). */
export type ContactFormMode = 'add' | 'update' | 'change';

export interface ContactForm {
  mode: ContactFormMode;
  /** The form's starting values: the current contact's for Update, none for Add and Change. */
  values: MarketingContactInput;
}

function startingValues(inventory: Inventory, mode: ContactFormMode): MarketingContactInput {
  const c = inventory.marketingContact;
  if (mode !== 'update' || !c) return { personId: '', email: '', phone: '', preferredLanguage: '' };
  return { personId: c.aadObjectId, email: c.email, phone: c.phone, preferredLanguage: c.preferredLanguage };
}

/** R7.3 (R1.3): the marketing contact form; without a mode, Update once a contact exists, Add before. */
export function marketingContactForm(deps: AppDeps, actor: Actor, input: { mode?: ContactFormMode } = {}): Result<ContactForm> {
  const inventory = deps.inventory.current();
  if (!inventory) return fail('notSetUp');
  const allowed = allow(actor, SET_CONTACT, inventory);
  if (!allowed.ok) return allowed;
  const mode = input.mode ?? (inventory.marketingContact ? 'update' : 'add');
  return ok({ mode, values: startingValues(inventory, mode) });
}

/** A refused contact says, on `invalidMarketingContact`, which field is wrong and why (one problem per field). */
export type ContactResult = Result<ContactChange> & { problems: ContactProblem[] };

/**
 * R7.3 (R1.3): Assign user. Every field is checked (a person in the list, an email different from the
 * Partner Center account's, a phone, a preferred language); nothing is saved until all are right. The
 * role is checked again in the transaction that saves. Audited with the previous contact.
 */
export async function setMarketingContact(deps: AppDeps, actor: Actor, input: MarketingContactInput): Promise<ContactResult> {
  let problems: ContactProblem[] = [];
  const now = deps.clock.now();
  const result = await changeAs(deps, actor, SET_CONTACT, (inventory) => {
    const assigned = assignMarketingContact(inventory, input, actor.person.aadObjectId, now);
    problems = assigned.problems;
    return assigned;
  });
  if (!result.ok) return { ...result, problems };
  const { contact, person, previous } = result.value;
  await record(deps, actor, 'setMarketingContact', { kind: 'marketingContact', id: person.aadObjectId, name: person.name }, {
    email: contact.email,
    preferredLanguage: contact.preferredLanguage,
    ...(previous ? { previousContact: previous.aadObjectId } : {}),
  });
  return { ...result, problems: [] };
}
