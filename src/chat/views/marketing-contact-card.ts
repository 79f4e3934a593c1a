import type { Inventory } from '../../domain/inventory.js';
import { CONTACT_EMAIL_MAX, MARKETING_LANGUAGES, type ContactField, type ContactProblem, type MarketingContactInput } from '../../domain/go-to-market.js';
import { peopleIndex } from '../../domain/people-search.js';
import { findPersonById } from '../../domain/people.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import { languageName } from '../../i18n/language-names.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ContactFormMode } from '../../app/go-to-market/marketing-contact.js';
import { personChoice, pickerPeople } from './visual-studio-seat-card.js';

export { languageName };

/** Client-side checks (Adaptive Cards `regex`): the server checks everything again (R7.3). */
const EMAIL_REGEX = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$';
const PHONE_REGEX = '^\\+?[0-9 ()-]{6,24}$';

const PROBLEM_KEYS: Record<ContactProblem['problem'], MessageKey> = {
  required: 'gtm.form.problem.required',
  personNotFound: 'gtm.form.problem.personNotFound',
  invalidEmail: 'gtm.form.problem.invalidEmail',
  sameAsPartnerCenter: 'gtm.form.problem.sameAsPartnerCenter',
  invalidPhone: 'gtm.form.problem.invalidPhone',
  unknownLanguage: 'gtm.form.problem.unknownLanguage',
};

export function contactProblemText(locale: Locale, inventory: Inventory, problem: ContactProblem): string {
  return t(locale, PROBLEM_KEYS[problem.problem], { partnerCenterEmail: inventory.organization.partnerCenterAccountEmail, max: CONTACT_EMAIL_MAX });
}

/**
 * R7.3: the company marketing contact form: a person from the list (typeahead over the company's people),
 * an email address different from the Partner Center account's, a contact phone, a preferred language,
 * then Assign user. After a refusal it comes back with the values and, under each wrong field, what is wrong.
 */
export function marketingContactCard(locale: Locale, inventory: Inventory, mode: ContactFormMode, values: MarketingContactInput, problems: ContactProblem[] = []): AdaptiveCard {
  const problem = (field: ContactField) => {
    const p = problems.find((x) => x.field === field);
    return p ? contactProblemText(locale, inventory, p) : undefined;
  };
  const picker = pickerPeople(locale, inventory.people);
  const people = picker.choices;
  const selected = values.personId ? findPersonById(inventory, values.personId) : undefined;
  if (selected && !people.some((p) => p.value === selected.aadObjectId)) people.unshift(personChoice(selected));
  const titleKey = mode === 'add' ? 'gtm.form.titleAdd' : mode === 'update' ? 'gtm.form.titleUpdate' : 'gtm.form.titleChange';
  return renderCard('marketing-contact', {
    title: t(locale, titleKey),
    intro: t(locale, 'gtm.form.intro'),
    notice: problems.length ? t(locale, 'gtm.form.problems') : undefined,
    person: {
      label: t(locale, 'gtm.contact.person'),
      placeholder: t(locale, 'vs.form.personPlaceholder'),
      errorMessage: t(locale, 'gtm.form.personRequired'),
      choices: people,
      ...(picker.dataset ? { dataset: picker.dataset } : {}),
      value: selected?.aadObjectId ?? '',
      problem: problem('personId'),
    },
    email: {
      label: t(locale, 'gtm.contact.email'),
      placeholder: t(locale, 'people.form.emailPlaceholder'),
      errorMessage: t(locale, 'gtm.form.emailRequired', { partnerCenterEmail: inventory.organization.partnerCenterAccountEmail }),
      regex: EMAIL_REGEX,
      maxLength: CONTACT_EMAIL_MAX,
      value: values.email,
      problem: problem('email'),
      help: t(locale, 'gtm.form.emailHelp', { partnerCenterEmail: inventory.organization.partnerCenterAccountEmail }),
    },
    phone: {
      label: t(locale, 'gtm.contact.phone'),
      placeholder: t(locale, 'gtm.form.phonePlaceholder'),
      errorMessage: t(locale, 'gtm.form.phoneRequired'),
      regex: PHONE_REGEX,
      value: values.phone,
      problem: problem('phone'),
    },
    language: {
      label: t(locale, 'gtm.contact.language'),
      placeholder: t(locale, 'gtm.form.languagePlaceholder'),
      errorMessage: t(locale, 'gtm.form.languageRequired'),
      choices: MARKETING_LANGUAGES.map((tag) => ({ title: languageName(locale, tag), value: tag })),
      value: values.preferredLanguage,
      problem: problem('preferredLanguage'),
    },
    notListed: t(locale, 'gtm.form.notListed'),
    submit: { title: t(locale, 'vs.assign'), data: { verb: 'setMarketingContact', mode } },
    addPersonLabel: t(locale, 'vs.form.addPerson'),
    backLabel: t(locale, 'gtm.form.back'),
  });
}
