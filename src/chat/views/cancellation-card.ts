import type { CancellationRequest, RefundEligibility } from '../../domain/cancellation.js';
import type { PackageOption } from '../../app/cancellation/cancellation.js';
import { formatDate, listOf, sentences, t, type Locale } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import type { ListItem } from './list-item.js';
import { programLabel } from './overview-card.js';

/** R8.1: why a refund is not possible, with the dates; one sentence per reason. */
export function refundReasons(locale: Locale, e: RefundEligibility): string[] {
  const reasons: string[] = [];
  if (!e.withinWindow) {
    reasons.push(
      t(locale, 'cancel.reason.windowClosed', {
        purchased: formatDate(locale, e.package.purchasedOn),
        lastDay: formatDate(locale, e.lastDay),
        today: formatDate(locale, e.today),
        days: e.daysSincePurchase,
      }),
    );
  }
  if (e.softwareActivated.length) {
    reasons.push(
      t(locale, 'cancel.reason.softwareActivated', {
        products: listOf(locale, e.softwareActivated.map((s) => t(locale, 'cancel.productOn', { name: s.name, date: formatDate(locale, s.at) }))),
      }),
    );
  }
  return reasons;
}

function facts(locale: Locale, e: RefundEligibility) {
  return [
    { title: t(locale, 'cancel.purchased'), value: formatDate(locale, e.package.purchasedOn) },
    { title: t(locale, 'cancel.lastDay'), value: t(locale, 'cancel.lastDayValue', { date: formatDate(locale, e.lastDay) }) },
    { title: t(locale, 'cancel.software'), value: e.softwareActivated.length ? listOf(locale, e.softwareActivated.map((s) => s.name)) : t(locale, 'cancel.softwareNone') },
  ];
}

/**
 * R8: each benefit package with whether it can be cancelled with a refund today, why not when it cannot
 * (with the dates), and Request cancellation where it can and nobody has yet. Only those who may cancel
 * (R1.4) are shown it.
 */
export function cancellationOptionsCard(locale: Locale, options: readonly PackageOption[], notice?: string): AdaptiveCard {
  const items: ListItem[] = options.map(({ eligibility: e, request }) => {
    const pkg = e.package;
    const rowFacts = facts(locale, e);
    if (request) rowFacts.push({ title: t(locale, 'cancel.requested'), value: t(locale, 'cancel.requestedValue', { id: request.id, name: request.requester.name, date: formatDate(locale, request.at) }) });
    return {
      id: pkg.id,
      title: programLabel(locale, pkg),
      stateText: request ? t(locale, 'cancel.alreadyRequestedShort', { id: request.id }) : e.eligible ? t(locale, 'cancel.eligibleShort', { lastDay: formatDate(locale, e.lastDay) }) : t(locale, 'cancel.notEligibleShort'),
      stateColor: request ? 'Accent' : e.eligible ? 'Default' : 'Attention',
      facts: rowFacts,
      sections: e.eligible ? [] : [{ heading: t(locale, 'cancel.why'), text: sentences(locale, refundReasons(locale, e)) }],
      actions:
        e.eligible && !request
          ? [{ title: t(locale, 'cancel.request'), verb: 'cancellationForm', data: { verb: 'cancellationForm', packageId: pkg.id } }]
          : [],
    };
  });
  return renderCard('benefit-list', {
    title: t(locale, 'cancel.title'),
    notice: notice ?? t(locale, 'cancel.rule'),
    emptyText: t(locale, 'list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items,
    pagers: [],
    backLabel: t(locale, 'list.back'),
  });
}

/** R8.2: the service request form of one eligible package: a reason, then Submit. */
export function cancellationFormCard(locale: Locale, e: RefundEligibility): AdaptiveCard {
  return renderCard('cancellation-request', {
    title: t(locale, 'cancel.form.title', { name: programLabel(locale, e.package) }),
    facts: [...facts(locale, e), { title: t(locale, 'cancel.today'), value: formatDate(locale, e.today) }],
    intro: t(locale, 'cancel.form.intro', { lastDay: formatDate(locale, e.lastDay) }),
    reasonLabel: t(locale, 'cancel.form.reason'),
    reasonPlaceholder: t(locale, 'cancel.form.reasonPlaceholder'),
    submit: { title: t(locale, 'cancel.form.submit'), data: { verb: 'requestCancellation', packageId: e.package.id } },
    backLabel: t(locale, 'cancel.form.back'),
  });
}

/** R8.2: the cancellation service requests filed, newest first. */
export function cancellationRequestListCard(locale: Locale, requests: CancellationRequest[]): AdaptiveCard {
  const items: ListItem[] = requests.map((r) => {
    const label = t(locale, `program.${r.program}`, { competency: r.competency ?? '' });
    return {
      id: r.id,
      title: `${label} · ${r.id}`,
      stateText: t(locale, 'cancel.list.by', { name: r.requester.name, date: formatDate(locale, r.at) }),
      stateColor: 'Default',
      facts: [
        { title: t(locale, 'cancel.list.id'), value: r.id },
        { title: t(locale, 'cancel.purchased'), value: formatDate(locale, r.purchasedOn) },
        { title: t(locale, 'cancel.lastDay'), value: t(locale, 'cancel.lastDayValue', { date: formatDate(locale, r.refundLastDay) }) },
        { title: t(locale, 'cancel.list.status'), value: t(locale, 'cancel.list.submitted') },
      ],
      sections: r.reason ? [{ heading: t(locale, 'cancel.form.reason'), text: r.reason }] : [],
      actions: [],
    };
  });
  return renderCard('benefit-list', {
    title: t(locale, 'cancel.list.title'),
    emptyText: t(locale, 'cancel.list.empty'),
    detailsLabel: t(locale, 'list.details'),
    items,
    pagers: [],
    backLabel: t(locale, 'list.back'),
  });
}
