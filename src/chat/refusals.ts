import type { DomainError } from '../domain/errors.js';
import type { Decision } from '../domain/policy.js';
import { either, t, type Locale } from '../i18n/index.js';
import type { TurnReply } from './turn.js';
import { text } from './turn.js';

/** A coded error as the sentence a person reads (STYLE.md 7). */
export function errorSentence(locale: Locale, error: DomainError, correlationId: string): string {
  const params = { correlationId, ...(error.params ?? {}) };
  if ('admins' in params && !params.admins) params.admins = t(locale, 'common.none');
  return t(locale, `error.${error.code}`, params);
}

export function refuse(locale: Locale, error: DomainError, correlationId: string): TurnReply {
  return { messages: [text(errorSentence(locale, error, correlationId))] };
}

/** R1.6: a denied action names the role it needs and who in the company holds Global admin. */
export function forbidden(locale: Locale, decision: Extract<Decision, { allowed: false }>): TurnReply {
  return {
    messages: [
      text(
        t(locale, 'error.forbidden', {
          roles: either(locale, decision.requiredRoles.map((r) => t(locale, `role.${r}`))),
          rule: decision.rule,
          admins: decision.globalAdmins.map((p) => p.name).join(', ') || t(locale, 'common.none'),
        }),
      ),
    ],
  };
}
