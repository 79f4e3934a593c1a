import type { CloudBenefit, DownloadLink, Inventory, SoftwareBenefit } from '../../domain/inventory.js';
import type { KeyedGroup } from '../../domain/keys-and-cloud.js';
import { formatDate, listOf, t, type Locale, type MessageKey } from '../../i18n/index.js';
import { languageName } from '../../i18n/language-names.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { personName } from './groups/names.js';
import { confirmCard } from './confirm-card.js';
import { programLabel } from './overview-card.js';
import type { RefundEligibility } from '../../domain/cancellation.js';
import { readerTimeZone, utcSaid } from '../../i18n/time-zone.js';
import { memoByParts, sharePart } from './render-cache.js';
import { fill, frameOf, slot } from './secret-slots.js';

/** R3.3: the language and OS the person picked for the download links. */
export interface DownloadChoice {
  language: string;
  os: string;
}

export interface KeysCardInput {
  group: KeyedGroup;
  benefit: SoftwareBenefit | CloudBenefit;
  /** The opened keys: this card is the only place they appear in the clear. */
  keys: string[];
  inventory: Inventory;
  activatedNow: boolean;
  /** R8.1: the refund this reveal forfeited (its package could be refunded until now). */
  refundLost?: RefundEligibility;
  choice?: DownloadChoice;
}

const unique = (values: string[]) => [...new Set(values)];

export { languageName };

export function osName(locale: Locale, os: string): string {
  const key = `os.${os.toLowerCase()}`;
  return ['os.x64', 'os.x86', 'os.arm64'].includes(key) ? t(locale, key as MessageKey) : os;
}

/** What the choice sets start on: the reader's language and 64-bit when the product has them. */
function defaultChoice(locale: Locale, downloads: DownloadLink[]): DownloadChoice {
  const languages = unique(downloads.map((d) => d.language));
  const oses = unique(downloads.map((d) => d.os));
  return {
    language: languages.find((l) => l.toLowerCase() === locale.toLowerCase()) ?? languages[0]!,
    os: oses.find((o) => o.toLowerCase() === 'x64') ?? oses[0]!,
  };
}

function downloadsSection(locale: Locale, downloads: DownloadLink[], choice: DownloadChoice | undefined) {
  const selected = choice ?? defaultChoice(locale, downloads);
  const words = { language: languageName(locale, selected.language), os: osName(locale, selected.os) };
  const matching = choice ? downloads.filter((d) => d.language === choice.language && d.os === choice.os) : [];
  const available = listOf(locale, downloads.map((d) => `${languageName(locale, d.language)} · ${osName(locale, d.os)}`));
  return {
    heading: t(locale, 'software.downloads'),
    languageLabel: t(locale, 'keys.language'),
    languages: unique(downloads.map((d) => d.language)).map((value) => ({ title: languageName(locale, value), value })),
    language: selected.language,
    osLabel: t(locale, 'keys.os'),
    oses: unique(downloads.map((d) => d.os)).map((value) => ({ title: osName(locale, value), value })),
    os: selected.os,
    showLabel: t(locale, 'keys.showLinks'),
    ...(choice && matching.length ? { linksFor: t(locale, 'keys.linksFor', words) } : {}),
    links: matching.map((d) => ({ title: t(locale, 'keys.link', words), url: d.url })),
    ...(choice && !matching.length ? { noLink: t(locale, 'keys.noLink', { ...words, available }) } : {}),
  };
}

/**
 * R3.2, R3.3, R4.3: the product's keys, its special instructions and, for software, the downloads.
 * Everything but the keys is the same for every reveal of a product until it changes: that card is
 * kept with a slot for each key (built from the frozen benefit and people, like the lists' cards),
 * and each answer only fills the slots. The keys themselves are never kept.
 */
export function keysCard(locale: Locale, input: KeysCardInput): AdaptiveCard {
  const { benefit, inventory } = input;
  // The first reveal (activated now, a refund lost) happens once per product: built whole.
  if (input.activatedNow || !Object.isFrozen(benefit) || !Object.isFrozen(inventory.people)) return renderKeysCard(locale, input);
  const key = `keys|${locale}|${input.group}|${input.keys.length}|${input.choice?.language ?? ''}|${input.choice?.os ?? ''}|${readerTimeZone()}|${utcSaid()}`;
  const frame = memoByParts([benefit, inventory.people], key, () => frameOf(renderKeysCard(locale, { ...input, keys: input.keys.map((_, i) => slot(i)) }), sharePart) ?? null);
  return frame ? fill(frame, input.keys) : renderKeysCard(locale, input);
}

/** The keys card rendered whole (what `keysCard` answers, slots filled or not). */
export function renderKeysCard(locale: Locale, input: KeysCardInput): AdaptiveCard {
  const { benefit, inventory } = input;
  const downloads = 'downloads' in benefit ? benefit.downloads : undefined;
  const activated = benefit.activated;
  return renderCard('product-keys', {
    title: t(locale, 'keys.heading', { product: benefit.name }),
    stateText: activated && !input.activatedNow ? t(locale, 'keys.activatedBefore', { name: personName(inventory, activated.by), date: formatDate(locale, activated.at) }) : undefined,
    notice: input.activatedNow
      ? [t(locale, 'keys.activatedNow'), ...(input.refundLost ? [t(locale, 'keys.refundLost', { package: programLabel(locale, input.refundLost.package) })] : [])].join(locale === 'ja-JP' ? '' : ' ')
      : undefined,
    keysLabel: t(locale, 'software.keys'),
    keys: input.keys.map((value) => ({ value })),
    noKeys: input.keys.length ? undefined : t(locale, 'keys.none'),
    secret: t(locale, 'keys.secret'),
    instructionsLabel: t(locale, 'software.specialInstructions'),
    instructions: benefit.specialInstructions?.[locale],
    benefitId: benefit.id,
    downloads: downloads?.length ? downloadsSection(locale, downloads, input.choice) : undefined,
    noDownloads: downloads && !downloads.length ? t(locale, 'keys.noDownloads') : undefined,
    group: input.group,
    backLabel: t(locale, 'keys.backTo', { group: t(locale, `group.${input.group}`) }),
  });
}

/**
 * R3.4, R8.1: asked before the first reveal of a software benefit whose package can still be refunded:
 * the package, its last refund day (a UTC day, as the rule counts it), and that the refund is lost.
 */
export function refundLossCard(locale: Locale, group: KeyedGroup, benefit: SoftwareBenefit | CloudBenefit, refund: RefundEligibility): AdaptiveCard {
  const pkg = programLabel(locale, refund.package);
  const lastDay = formatDate(locale, refund.lastDay);
  return confirmCard({
    title: t(locale, 'keys.confirm.title', { product: benefit.name }),
    facts: [
      { title: t(locale, 'list.package'), value: pkg },
      { title: t(locale, 'cancel.lastDay'), value: t(locale, 'cancel.lastDayValue', { date: lastDay }) },
    ],
    lost: [t(locale, 'keys.confirm.lost', { package: pkg, lastDay })],
    question: t(locale, 'keys.confirm.question'),
    confirm: { title: t(locale, 'keys.confirm.yes'), data: { verb: 'getSoftwareKeys', benefitId: benefit.id } },
    back: { title: t(locale, 'keys.backTo', { group: t(locale, `group.${group}`) }), data: { verb: 'openGroup', group } },
  });
}
