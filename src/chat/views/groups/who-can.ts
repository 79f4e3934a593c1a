import { denied, type Denied } from '../../../domain/policy.js';
import { denialParams } from '../../../i18n/errors.js';
import { t, type Locale, type MessageKey } from '../../../i18n/index.js';

/** R1.4, R1.6: the line a person without the role reads in place of a button: who can, and whom to ask. */
export function whoCan(locale: Locale, key: MessageKey, decision: Denied): string {
  return t(locale, key, denialParams(locale, denied(decision).denial!));
}
