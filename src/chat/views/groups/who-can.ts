import type { Decision } from '../../../domain/policy.js';
import { either, t, type Locale, type MessageKey } from '../../../i18n/index.js';

/** R1.4, R1.6: the line a person without the role reads in place of a button: who can, and whom to ask. */
export function whoCan(locale: Locale, key: MessageKey, decision: Extract<Decision, { allowed: false }>): string {
  return t(locale, key, {
    roles: either(locale, decision.requiredRoles.map((r) => t(locale, `role.${r}`))),
    rule: decision.rule,
    admins: decision.globalAdmins.map((p) => p.name).join(', ') || t(locale, 'common.none'),
  });
}
