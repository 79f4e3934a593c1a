import type { TextColor } from '../../cards/colors.js';
import type { Inventory, Person } from '../../domain/inventory.js';
import type { GroupState } from '../../domain/overview.js';
import { either, formatDate, listOf, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { POLICY } from '../../domain/policy.js';
import type { BenefitsOverview } from '../../app/overview/overview.js';

const STATE_COLOR: Record<GroupState, TextColor> = {
  none: 'Default',
  // Attention, not Warning: Warning's yellow is 1.4:1 against white.
  notActivated: 'Attention',
  partlyActive: 'Accent',
  pending: 'Accent',
  allActive: 'Default',
};

export function programLabel(locale: Locale, pkg: Inventory['organization']['packages'][number]): string {
  return t(locale, `program.${pkg.program}`, { competency: pkg.competency ?? '' });
}

export function rolesLabel(locale: Locale, person: Person): string {
  return listOf(locale, person.roles.map((r) => t(locale, `role.${r}`)));
}

/** R2.3: the Benefits overview, the five groups with what each holds and its state. */
export function overviewCard(locale: Locale, overview: BenefitsOverview): AdaptiveCard {
  const { organization, person, refundWarnings } = overview;
  return renderCard('overview', {
    // A refund window (R8.1) about to close, with the way to cancel for those who may.
    refund: refundWarnings.length
      ? {
          lines: refundWarnings.map((w) => ({ text: t(locale, w.daysLeft === 0 ? 'overview.refundClosesToday' : 'overview.refundCloses', { name: programLabel(locale, w.package), date: formatDate(locale, w.lastDay), days: w.daysLeft }) })),
          actions: overview.may.cancelPackage ? [{ title: t(locale, 'overview.refundAction') }] : [],
        }
      : undefined,
    title: t(locale, 'overview.title'),
    subtitle: t(locale, 'overview.subtitle', { company: organization.name, mpnId: organization.mpnId }),
    notice: organization.managedInPmc ? t(locale, 'overview.pmc') : undefined,
    noticeLink: organization.managedInPmc ? pmcLink(locale) : undefined,
    packagesTitle: t(locale, 'overview.packages'),
    packages: organization.packages.map((p) => ({
      name: programLabel(locale, p),
      detail: t(locale, 'overview.purchased', { date: formatDate(locale, p.purchasedOn), expires: formatDate(locale, p.expiresOn) }),
    })),
    groups: overview.groups.map((s) => ({
      group: s.group,
      title: t(locale, `group.${s.group}`),
      holds: t(locale, `group.${s.group}.holds`, {
        total: s.total,
        active: s.active,
        pending: s.pending,
        used: s.seats?.used ?? 0,
        seats: s.seats?.total ?? 0,
      }),
      stateText: t(locale, `state.${s.state}`),
      stateColor: STATE_COLOR[s.state],
      // R1.5: the Go-To-Market page opens for the roles that manage it; others read who does, not a button that refuses.
      // A group the company does not have (state none) offers nothing to open: its line says so.
      ...(s.state === 'none'
        ? {}
        : s.group !== 'goToMarket' || overview.may.manageGoToMarket
        ? { openLabel: t(locale, 'overview.open') }
        : { whoCanOpen: t(locale, 'overview.goToMarketRoles', { roles: either(locale, POLICY.manageGoToMarket.roles.map((r) => t(locale, `role.${r}`)))}) }),
    })),
    signedInAs: t(locale, 'overview.signedInAs', { name: person.name, roles: rolesLabel(locale, person) }),
  });
}

/**
 * R2.2: the page Partner Center's source links for a membership still in PMC ("Activate technical benefits
 * outside of Partner Center"), in the reader's language.
 */
export function pmcLink(locale: Locale): { title: string; url: string } {
  return { title: t(locale, 'overview.pmcLink'), url: `https://learn.microsoft.com/${locale.toLowerCase()}/partner-center/partner-membership-center-tech-benefits-activate` };
}
