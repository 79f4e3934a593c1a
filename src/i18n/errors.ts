import type { Denial, DomainError } from '../domain/errors.js';
import { isRole } from '../domain/roles.js';
import { either, formatDate, formatDateTime, listOf, t, type Locale } from './index.js';

/** Params that hold a date (ISO): shown the way a person of the locale writes dates. */
const DATE_PARAMS = ['date', 'assignedOn'] as const;
/** Params that hold an instant whose time of day matters (R5.4 counts by the clock). */
const MOMENT_PARAMS = ['moment'] as const;

/**
 * The one catalog of coded errors as people read them: `error.<code>` of the locale files, for chat
 * refusals, invoke errors, HTTP answers and the tab alike (STYLE.md 7). Dates in the person's way of
 * writing them, roles in their words, and for `forbidden` the roles needed and whom to ask (R1.6).
 */
export function errorSentence(locale: Locale, error: DomainError, correlationId: string): string {
  const params: Record<string, string | number> = { correlationId, ...(error.params ?? {}) };
  for (const key of DATE_PARAMS) if (typeof params[key] === 'string') params[key] = formatDate(locale, params[key] as string);
  for (const key of MOMENT_PARAMS) if (typeof params[key] === 'string') params[key] = formatDateTime(locale, params[key] as string);
  if (isRole(params.role)) params.role = t(locale, `role.${params.role}`);
  for (const [name, items] of Object.entries(error.lists ?? {})) params[name] = listOf(locale, items);
  if (error.denial) Object.assign(params, denialParams(locale, error.denial));
  if ('admins' in params && !params.admins) params.admins = t(locale, 'common.none');
  return t(locale, `error.${error.code}`, params);
}

/**
 * R1.6 as a sentence's values: the roles that would allow the action and whom to ask. The rule number
 * stays in the data (tests and logs read it); a person never reads it.
 */
export function denialParams(locale: Locale, denial: Denial): { roles: string; admins: string } {
  return {
    roles: either(locale, denial.requiredRoles.map((r) => t(locale, `role.${r}`))),
    admins: listOf(locale, denial.globalAdmins) || t(locale, 'common.none'),
  };
}
