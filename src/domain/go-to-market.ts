import type { GoToMarketOffer, Inventory, MarketingContact, Person } from './inventory.js';
import { addDaysUtc, utcDate } from './dates.js';
import { fail, ok, type Result } from './errors.js';
import { availableOffers } from './overview.js';
import { readPersonById } from './people.js';

export type OfferStatus = 'available' | 'pending' | 'active' | 'expired';

/** R7.5: an active offer can be used until its Expires date; after it, it shows as expired. */
export function offerStatus(offer: GoToMarketOffer, now: Date): OfferStatus {
  const a = offer.activation;
  if (!a) return 'available';
  if (a.state === 'pending') return 'pending';
  if (a.expiresOn && a.expiresOn < utcDate(now)) return 'expired';
  return 'active';
}

export function findOffer(inventory: Inventory, offerId: string): GoToMarketOffer | undefined {
  return inventory.benefits.goToMarket.find((o) => o.id === offerId);
}

// ---- R7.3: the company marketing contact ----

/**
 * The preferred languages a marketing contact may choose (BCP 47 tags, shown by their names in the
 * reader's language through Intl.DisplayNames): the languages Microsoft's partner marketing mail is sent in.
 */
export const MARKETING_LANGUAGES = ['ja-JP', 'en-US', 'zh-CN', 'zh-TW', 'ko-KR', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'pt-BR'] as const;

/** The same patterns as schema/inventory.schema.json, so that a contact set in chat re-imports. */
const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[^\s@"<>()[\],;:]{2,}$/;
export const PHONE = /^\+?[0-9 ()-]{6,24}$/;
export const CONTACT_EMAIL_MAX = 254;

export interface MarketingContactInput {
  personId: string;
  email: string;
  phone: string;
  preferredLanguage: string;
}

export type ContactField = keyof MarketingContactInput;

/** What is wrong with one field of the marketing contact form, as a code the chat layer turns into a sentence. */
export interface ContactProblem {
  field: ContactField;
  problem: 'required' | 'personNotFound' | 'invalidEmail' | 'sameAsPartnerCenter' | 'invalidPhone' | 'unknownLanguage';
}

/** Trims and checks every field (R7.3); all problems are reported at once, one per field. */
export function checkMarketingContact(inventory: Inventory, input: MarketingContactInput): { contact: MarketingContactInput; person?: Person; problems: ContactProblem[] } {
  const contact: MarketingContactInput = {
    personId: input.personId.trim().toLowerCase(),
    email: input.email.trim(),
    phone: input.phone.trim().replace(/\s+/g, ' '),
    preferredLanguage: input.preferredLanguage.trim(),
  };
  const problems: ContactProblem[] = [];
  const person = contact.personId ? readPersonById(inventory, contact.personId) : undefined;
  if (!contact.personId) problems.push({ field: 'personId', problem: 'required' });
  else if (!person) problems.push({ field: 'personId', problem: 'personNotFound' });

  if (!contact.email) problems.push({ field: 'email', problem: 'required' });
  else if (contact.email.length > CONTACT_EMAIL_MAX || !EMAIL.test(contact.email)) problems.push({ field: 'email', problem: 'invalidEmail' });
  // R7.3: an email address different from the company's Partner Center account's (case does not make it another).
  else if (contact.email.toLowerCase() === inventory.organization.partnerCenterAccountEmail.trim().toLowerCase()) {
    problems.push({ field: 'email', problem: 'sameAsPartnerCenter' });
  }

  if (!contact.phone) problems.push({ field: 'phone', problem: 'required' });
  else if (!PHONE.test(contact.phone) || contact.phone.replace(/\D/g, '').length < 6) problems.push({ field: 'phone', problem: 'invalidPhone' });

  if (!contact.preferredLanguage) problems.push({ field: 'preferredLanguage', problem: 'required' });
  else if (!(MARKETING_LANGUAGES as readonly string[]).includes(contact.preferredLanguage)) problems.push({ field: 'preferredLanguage', problem: 'unknownLanguage' });
  return { contact, ...(person ? { person } : {}), problems };
}

export interface ContactChange {
  contact: MarketingContact;
  person: Person;
  previous?: MarketingContact;
}

/**
 * R7.3: Add / Update / Change the company marketing contact, then Assign user. Nothing is changed unless
 * every field is valid; `problems` then says which field is wrong and why. Mutates only on ok.
 */
export function assignMarketingContact(inventory: Inventory, input: MarketingContactInput, by: string, now: Date): Result<ContactChange> & { problems: ContactProblem[] } {
  const { contact, person, problems } = checkMarketingContact(inventory, input);
  if (problems.length || !person) return { ...fail<ContactChange>('invalidMarketingContact'), problems };
  const previous = inventory.marketingContact ? { ...inventory.marketingContact } : undefined;
  const assigned: MarketingContact = {
    aadObjectId: person.aadObjectId,
    email: contact.email,
    phone: contact.phone,
    preferredLanguage: contact.preferredLanguage,
    assigned: { by, at: now.toISOString() },
  };
  inventory.marketingContact = assigned;
  return { ...ok({ contact: { ...assigned }, person, ...(previous ? { previous } : {}) }), problems: [] };
}

// ---- R7.4, R7.5: activation ----

/**
 * R7.4 (with R7.2, R7.3): Activate an offer of the company's level and competencies, once a marketing
 * contact is assigned. It is pending for several days. An expired offer cannot be used again (R7.5): a
 * new one comes with the next membership. Mutates only when it returns ok.
 */
export function requestOfferActivation(inventory: Inventory, offerId: string, person: Person, now: Date, locale: string): Result<GoToMarketOffer> {
  const offer = findOffer(inventory, offerId);
  if (!offer) return fail('notFound');
  if (!availableOffers(inventory).some((o) => o.id === offer.id)) return fail('offerNotAvailable', { name: offer.name });
  if (!inventory.marketingContact) return fail('marketingContactRequired', { name: offer.name });
  const status = offerStatus(offer, now);
  if (status === 'pending') return fail('offerPending', { name: offer.name });
  if (status === 'active') return fail('offerAlreadyActive', { name: offer.name, date: offer.activation?.expiresOn ?? '' });
  if (status === 'expired') return fail('offerExpired', { name: offer.name, date: offer.activation?.expiresOn ?? '' });
  offer.activation = { state: 'pending', requested: { by: person.aadObjectId, at: now.toISOString() }, locale };
  return ok(offer);
}

/** What the back office (or the embedded processor) reports: the offer is active until `expiresOn`. */
export interface OfferFulfilment {
  /** YYYY-MM-DD: the last day the offer can be used (R7.5). */
  expiresOn: string;
}

export interface CompletedOffer {
  offer: GoToMarketOffer;
  changed: boolean;
  requestedBy: string;
}

/**
 * R7.5: processing done, the offer is Active with its Expires date. Idempotent: the same date again
 * changes nothing; another date for an active offer is a conflict; a date already past is refused.
 * Mutates only on ok.
 */
export function completeOfferActivation(inventory: Inventory, offerId: string, fulfilment: OfferFulfilment, now: Date): Result<CompletedOffer> {
  const offer = findOffer(inventory, offerId);
  if (!offer) return fail('notFound');
  const a = offer.activation;
  if (!a) return fail('notActivated', { name: offer.name });
  if (a.state === 'active') {
    if (a.expiresOn === fulfilment.expiresOn) return ok({ offer, changed: false, requestedBy: a.requested.by });
    return fail('activationConflict', { name: offer.name });
  }
  if (fulfilment.expiresOn < utcDate(now)) return fail('offerExpiryInPast', { name: offer.name, date: fulfilment.expiresOn });
  offer.activation = { ...a, state: 'active', completedAt: now.toISOString(), expiresOn: fulfilment.expiresOn };
  return ok({ offer, changed: true, requestedBy: a.requested.by });
}

/** The Expires date of an offer activated at `activatedAt` and valid `validityDays` days (configurable). */
export function expiryAfter(activatedAt: string, validityDays: number): string {
  return utcDate(addDaysUtc(activatedAt, validityDays));
}

// ---- Ahead of the source: the reminder before an active offer expires ----

export interface ExpiryReminder {
  offer: GoToMarketOffer;
  expiresOn: string;
  /**
   * Who is told, and in which language: the person who activated it (in the language they asked in), and
   * the marketing contact (R7.3: follow-up communications; in their preferred language).
   */
  recipients: { aadObjectId: string; language: string }[];
}

/**
 * The active offers whose Expires date falls within `daysAhead` days from today (UTC), today included.
 * Each (offer, Expires date) pair is reminded once: the caller records it (a renewed offer with a new
 * date is reminded again).
 */
export function offersExpiringSoon(inventory: Inventory, now: Date, daysAhead: number): ExpiryReminder[] {
  if (daysAhead <= 0) return [];
  const today = utcDate(now);
  const horizon = utcDate(addDaysUtc(today, daysAhead));
  return availableOffers(inventory).flatMap((offer) => {
    const a = offer.activation;
    if (a?.state !== 'active' || !a.expiresOn || a.expiresOn < today || a.expiresOn > horizon) return [];
    const recipients = [{ aadObjectId: a.requested.by, language: a.locale ?? 'en-US' }];
    const contact = inventory.marketingContact;
    if (contact && contact.aadObjectId.toLowerCase() !== a.requested.by.toLowerCase() && readPersonById(inventory, contact.aadObjectId)) {
      recipients.push({ aadObjectId: contact.aadObjectId, language: contact.preferredLanguage });
    }
    return [{ offer, expiresOn: a.expiresOn, recipients }];
  });
}
