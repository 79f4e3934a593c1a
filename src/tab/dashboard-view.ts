import type { BenefitGroup } from '../domain/inventory.js';
import type { GroupState } from '../domain/overview.js';
import type { OfferStatus } from '../domain/go-to-market.js';
import { POLICY, type Action } from '../domain/policy.js';
import type { BenefitsOverview } from '../app/overview/overview.js';
import { either, formatDate, t, type Locale } from '../i18n/index.js';
import { programLabel, rolesLabel } from '../chat/views/overview-card.js';

/**
 * What the Benefits dashboard tab shows: the bot's overview (R2.3) with the pending activations (R6.2,
 * R7.4), the offers with their Status and Expires (R7.5), and what the person's roles allow (R1).
 * Every sentence is already in the person's language; the tab only lays it out. No secret is here:
 * product keys are never part of the dashboard.
 */
export interface DashboardView {
  locale: Locale;
  title: string;
  subtitle: string;
  signedInAs: string;
  notice?: string;
  chatHint: string;
  packages: { title: string; items: { name: string; detail: string }[] };
  groups: { title: string; items: { group: BenefitGroup; title: string; holds: string; state: GroupState; stateText: string }[] };
  pending: { title: string; empty: string; items: { group: BenefitGroup; groupTitle: string; name: string; text: string }[] };
  offers: {
    title: string;
    empty: string;
    notice?: string;
    columns: { name: string; tier: string; status: string; expires: string };
    items: { id: string; name: string; tier: string; status: OfferStatus; statusText: string; expires: string }[];
  };
  abilities: { title: string; items: { action: Action; text: string; allowed: boolean; detail: string }[] };
}

/** The tasks of the Benefits page a person asks about, each answered by the R1 table. */
const ABILITIES = ['revealSoftwareKeys', 'activateBenefit', 'assignBenefit', 'manageGoToMarket', 'manageUsers'] as const satisfies readonly Action[];

/** The overview query's answer (src/app/overview), laid out for the tab in the person's language. */
export function dashboardView(locale: Locale, overview: BenefitsOverview): DashboardView {
  const { organization, person } = overview;
  const pending = overview.pending.map((p) => ({
    group: p.group,
    groupTitle: t(locale, `group.${p.group}`),
    name: p.name,
    text: p.group === 'technical' ? t(locale, 'technical.pending', { name: p.requestedBy, date: formatDate(locale, p.requestedAt) }) : t(locale, 'gtm.status.pending'),
  }));

  return {
    locale,
    title: t(locale, 'tab.title'),
    subtitle: t(locale, 'overview.subtitle', { company: organization.name, mpnId: organization.mpnId }),
    signedInAs: t(locale, 'overview.signedInAs', { name: person.name, roles: rolesLabel(locale, person) }),
    ...(organization.managedInPmc ? { notice: t(locale, 'overview.pmc') } : {}),
    chatHint: t(locale, 'tab.chatHint'),
    packages: {
      title: t(locale, 'overview.packages'),
      items: organization.packages.map((p) => ({
        name: programLabel(locale, p),
        detail: t(locale, 'overview.purchased', { date: formatDate(locale, p.purchasedOn), expires: formatDate(locale, p.expiresOn) }),
      })),
    },
    groups: {
      title: t(locale, 'tab.groups'),
      items: overview.groups.map((s) => ({
        group: s.group,
        title: t(locale, `group.${s.group}`),
        holds: t(locale, `group.${s.group}.holds`, { total: s.total, active: s.active, pending: s.pending, used: s.seats?.used ?? 0, seats: s.seats?.total ?? 0 }),
        state: s.state,
        stateText: t(locale, `state.${s.state}`),
      })),
    },
    pending: { title: t(locale, 'tab.pending'), empty: t(locale, 'tab.pending.none'), items: pending },
    offers: {
      title: t(locale, 'tab.offers'),
      empty: t(locale, 'tab.offers.none'),
      ...(overview.marketingContactAssigned ? {} : { notice: t(locale, 'gtm.contact.none') }),
      columns: { name: t(locale, 'tab.offers.name'), tier: t(locale, 'tab.offers.tier'), status: t(locale, 'gtm.status'), expires: t(locale, 'gtm.expires') },
      items: overview.offers.map(({ offer, status }) => ({
        id: offer.id,
        name: offer.name,
        tier: t(locale, `gtm.tier.${offer.tier}`),
        status,
        statusText: t(locale, `gtm.status.${status}`),
        expires: offer.activation?.expiresOn ? formatDate(locale, offer.activation.expiresOn) : '—',
      })),
    },
    abilities: {
      title: t(locale, 'tab.abilities'),
      items: ABILITIES.map((action) => {
        const { roles } = POLICY[action];
        return {
          action,
          text: t(locale, `tab.can.${action}`),
          allowed: overview.may[action],
          detail: overview.may[action] ? t(locale, 'tab.allowed') : t(locale, 'tab.needs', { roles: either(locale, roles.map((r) => t(locale, `role.${r}`))) }),
        };
      }),
    },
  };
}
