import type { Inventory, Person, VisualStudioSubscription } from '../../domain/inventory.js';
import { peopleIndex } from '../../domain/people-search.js';
import { canReassign, reassignableFrom, seatCount } from '../../domain/visual-studio.js';
import { formatDate, formatDateTime, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { personName, packageOf } from './groups/names.js';
import { programLabel } from './overview-card.js';

/** The dataset name Teams sends back in `application/search` for the people picker (see src/chat/searches.ts). */
export const PEOPLE_DATASET = 'people';
/** How many people the card lists itself, for clients without Data.Query (and before anything is typed). */
export const STATIC_PEOPLE_CHOICES = 25;

export function personChoice(person: Person): { title: string; value: string } {
  return { title: `${person.name} <${person.email}>`, value: person.aadObjectId };
}

/**
 * The picker's people: the first in the reader's name order (五十音 for Japanese kana) who hold no seat of
 * this subscription, and Teams' typeahead (Data.Query) only when there are more than it lists: a client
 * that drops the static choices where a Data.Query is present (the Agents Playground) still shows them all
 * for a company that small.
 */
export function pickerPeople(locale: Locale, people: Person[], exclude?: (person: Person) => boolean) {
  const page = peopleIndex(people, locale).search('', 0, STATIC_PEOPLE_CHOICES, exclude);
  return { choices: page.people.map(personChoice), ...(page.total > page.people.length ? { dataset: PEOPLE_DATASET } : {}) };
}

function staticPeople(locale: Locale, inventory: Inventory, subscription: VisualStudioSubscription) {
  const holders = new Set(subscription.assignments.map((a) => a.aadObjectId.toLowerCase()));
  return pickerPeople(locale, inventory.people, (p) => holders.has(p.aadObjectId.toLowerCase()));
}

function facts(locale: Locale, inventory: Inventory, subscription: VisualStudioSubscription) {
  const pkg = packageOf(inventory, subscription.packageId);
  const seats = seatCount(subscription);
  return [
    { title: t(locale, 'vs.level'), value: subscription.level },
    ...(pkg ? [{ title: t(locale, 'list.package'), value: programLabel(locale, pkg) }] : []),
    { title: t(locale, 'vs.form.seats'), value: t(locale, 'vs.freeSeats', { used: seats.used, free: seats.free, total: seats.total }) },
  ];
}

function common(locale: Locale) {
  return {
    rule: t(locale, 'vs.form.rule'),
    notListed: t(locale, 'vs.form.notListed'),
    addPersonLabel: t(locale, 'vs.form.addPerson'),
    backLabel: t(locale, 'vs.form.back'),
  };
}

/** R5.2: select a user from the company's people, then Assign user (ユーザーの割り当て). */
export function assignSeatCard(locale: Locale, inventory: Inventory, subscription: VisualStudioSubscription): AdaptiveCard {
  const free = seatCount(subscription).free;
  return renderCard('visual-studio-seat', {
    title: t(locale, 'vs.form.assignTitle', { level: subscription.level }),
    facts: facts(locale, inventory, subscription),
    notice: free === 0 ? t(locale, 'vs.form.noFreeSeat') : undefined,
    person: {
      label: t(locale, 'vs.form.person'),
      placeholder: t(locale, 'vs.form.personPlaceholder'),
      errorMessage: t(locale, 'vs.form.personRequired'),
      ...staticPeople(locale, inventory, subscription),
    },
    submit: { title: t(locale, 'vs.assign'), verb: 'assignSeat', data: { verb: 'assignSeat', subscriptionId: subscription.id } },
    ...common(locale),
  });
}

/** R5.4: pick the seat (its current subscriber, with the date it can be reassigned from) and the new user. */
export function reassignSeatCard(locale: Locale, inventory: Inventory, subscription: VisualStudioSubscription, now: Date): AdaptiveCard {
  const seats = [...subscription.assignments]
    .sort((a, b) => reassignableFrom(a).getTime() - reassignableFrom(b).getTime())
    .map((a) => {
      const params = { name: personName(inventory, a.aadObjectId), since: formatDate(locale, a.assignedAt), date: formatDateTime(locale, reassignableFrom(a).toISOString()) };
      return { title: t(locale, canReassign(a, now) ? 'vs.form.seatReady' : 'vs.form.seatWaiting', params), value: a.aadObjectId };
    });
  return renderCard('visual-studio-seat', {
    title: t(locale, 'vs.form.reassignTitle', { level: subscription.level }),
    facts: facts(locale, inventory, subscription),
    seat: {
      label: t(locale, 'vs.form.seat'),
      placeholder: t(locale, 'vs.form.seatPlaceholder'),
      errorMessage: t(locale, 'vs.form.seatRequired'),
      choices: seats,
    },
    person: {
      label: t(locale, 'vs.form.newHolder'),
      placeholder: t(locale, 'vs.form.personPlaceholder'),
      errorMessage: t(locale, 'vs.form.personRequired'),
      ...staticPeople(locale, inventory, subscription),
    },
    submit: { title: t(locale, 'vs.reassign'), verb: 'reassignSeat', data: { verb: 'reassignSeat', subscriptionId: subscription.id } },
    ...common(locale),
  });
}
