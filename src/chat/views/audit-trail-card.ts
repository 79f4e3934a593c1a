import type { AuditEntry } from '../../ports/audit-trail.js';
import { formatDateTime, t, type Locale, type MessageKey } from '../../i18n/index.js';
import { renderCard, type AdaptiveCard } from '../../cards/templates.js';
import { isRole } from '../../domain/roles.js';
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

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * What the entry was about, saying who got what: the seat and its holder (both, for a reassignment), the
 * role and its holder, the cancellation's service request. Read from what each entry already records.
 */
function about(locale: Locale, e: AuditEntry): string {
  const d = e.details ?? {};
  const target = e.target.name;
  const role = isRole(d.role) ? t(locale, `role.${d.role}`) : undefined;
  switch (e.action) {
    case 'assignVisualStudioSeat':
      return text(d.assigneeName) ? t(locale, 'audit.about.assigned', { target, to: text(d.assigneeName)! }) : target;
    case 'reassignVisualStudioSeat':
      return text(d.assigneeName) && text(d.previousHolderName) ? t(locale, 'audit.about.reassigned', { target, from: text(d.previousHolderName)!, to: text(d.assigneeName)! }) : target;
    case 'assignCloudSubscription':
      return t(locale, 'audit.about.assigned', { target, to: e.actor.name });
    case 'grantRole':
      return role ? t(locale, 'audit.about.roleGranted', { role, to: target }) : target;
    case 'removeRole':
      return role ? t(locale, 'audit.about.roleRemoved', { role, from: target }) : target;
    case 'requestCancellation':
      return text(d.request) ? t(locale, 'audit.about.request', { target, request: text(d.request)! }) : target;
    default:
      return target;
  }
}

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
      // The system's own entries (an activation completed) name the processing, not the process behind it.
      who: t(locale, 'audit.entry', { actor: e.actor.aadObjectId === 'system' ? t(locale, 'audit.actor.system') : e.actor.name, target: about(locale, e) }),
      when: [formatTime(locale, e.at), where(locale, e), ...details(locale, e)].join(' · '),
    })),
    personLabel: t(locale, 'audit.filterPerson'),
    person: view.typed.person,
    productLabel: t(locale, 'audit.filterProduct'),
    product: view.typed.product,
    applyLabel: t(locale, 'audit.filterApply'),
  });
}
