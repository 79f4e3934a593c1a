import type { AuditEntry } from '../../ports/audit-trail.js';
import { formatDateTime, t, type Locale, type MessageKey } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { languageName, osName } from './keys-card.js';

/** The newest entries shown at once: a card stays well under Teams' size limit. */
export const AUDIT_LIMIT = 25;

export interface AuditView {
  entries: AuditEntry[];
  /** The filters in effect, in words. */
  applied: string[];
  /** Why a typed filter could not be applied. */
  notices: string[];
  /** What the form's fields show. */
  typed: { person: string; product: string };
}

/** A moment of the trail in the reader's time zone (src/i18n/time-zone.ts). */
const formatTime = formatDateTime;

function where(locale: Locale, entry: AuditEntry): string {
  const type = entry.where.conversationType;
  return ['personal', 'groupChat', 'channel', 'system'].includes(type) ? t(locale, `audit.where.${type}` as MessageKey) : type;
}

function details(locale: Locale, entry: AuditEntry): string[] {
  const d = entry.details ?? {};
  const out: string[] = [];
  if (d.activated === true) out.push(t(locale, 'audit.detail.activated'));
  if (d.sentToPersonalChat === true) out.push(t(locale, 'audit.detail.sentToPersonal'));
  if (typeof d.language === 'string' && typeof d.os === 'string') {
    out.push(t(locale, 'audit.detail.downloads', { language: languageName(locale, d.language), os: osName(locale, d.os) }));
  }
  return out;
}

/** The audit trail: who did what, on what, when and where, newest first. */
export function auditTrailCard(locale: Locale, view: AuditView): AdaptiveCard {
  return renderCard('audit-trail', {
    title: t(locale, 'audit.title'),
    subtitle: t(locale, 'audit.subtitle', { limit: AUDIT_LIMIT }),
    filteredBy: view.applied.length ? t(locale, 'audit.filteredBy', { filters: view.applied.join(' · ') }) : undefined,
    notices: view.notices,
    emptyText: t(locale, 'audit.empty'),
    entries: view.entries.map((e) => ({
      action: t(locale, `audit.action.${e.action}` as MessageKey),
      who: t(locale, 'audit.entry', { actor: e.actor.name, target: e.target.name }),
      when: [formatTime(locale, e.at), where(locale, e), ...details(locale, e)].join(' · '),
    })),
    personLabel: t(locale, 'audit.filterPerson'),
    person: view.typed.person,
    productLabel: t(locale, 'audit.filterProduct'),
    product: view.typed.product,
    applyLabel: t(locale, 'audit.filterApply'),
  });
}
