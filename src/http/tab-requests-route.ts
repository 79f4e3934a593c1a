import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { findPerson, identify } from '../domain/identity.js';
import type { DomainError } from '../domain/errors.js';
import { may } from '../domain/policy.js';
import { REQUEST_KINDS } from '../domain/requests.js';
import { localeOf, t, type Locale } from '../i18n/index.js';
import { errorSentence } from '../i18n/errors.js';
import { listRequests } from '../app/requests/requests.js';
import { requestsView } from '../tab/requests-view.js';
import type { TabParts } from './tab-routes.js';

const STATUS: Record<string, number> = { foreignTenant: 403, notRegistered: 403, notSetUp: 503 };

/**
 * GET /api/tab/requests: the person's own requests and, to approvers, those waiting for them. Open to
 * anyone of the company (asking needs no role), by the same Teams SSO token as the overview.
 */
export function registerTabRequestsRoute(server: restify.Server, parts: TabParts): void {
  server.get('/api/tab/requests', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://tab.invalid');
    const locale: Locale = localeOf(url.searchParams.get('locale') ?? undefined);
    const answer = (status: number, body: unknown) => {
      res.header('cache-control', 'no-store');
      res.send(status, body);
    };
    const correlationId = randomUUID();
    try {
      const check = await parts.sso.verify(req.header('authorization') || undefined);
      if (!check.ok) {
        const code = check.reason === 'keysUnavailable' ? 'unavailable' : 'unauthenticated';
        parts.logger.warn({ route: 'tab.requests', reason: check.reason }, 'tab request refused: SSO token not accepted');
        answer(code === 'unavailable' ? 503 : 401, { code, message: t(locale, `tab.error.${code}`) });
        return;
      }
      const { identity } = check;
      const refuse = (error: DomainError) => answer(STATUS[error.code] ?? 403, { code: error.code, message: errorSentence(locale, error, correlationId) });
      if (parts.allowedTenants.length > 0 && !parts.allowedTenants.includes(identity.tenantId)) return refuse({ code: 'foreignTenant' });
      const inventory = parts.inventory.current();
      const who = identify(inventory, identity);
      const person = who.ok ? who.value : who.error.code === 'noRole' && inventory ? findPerson(inventory, identity.aadObjectId) : undefined;
      if (!person) return refuse(who.ok ? { code: 'notRegistered' } : who.error);
      const timeZone = url.searchParams.get('timeZone') ?? undefined;
      const lists = listRequests(parts, { person, where: { conversationId: 'tab', conversationType: 'personalTab' }, locale });
      if (!lists.ok) return refuse(lists.error);
      const mayApprove = Object.values(REQUEST_KINDS).some((k) => may(person, k.action));
      answer(200, requestsView(locale, lists.value, mayApprove, timeZone && /^[A-Za-z0-9_+/-]{1,64}$/.test(timeZone) ? timeZone : undefined));
    } catch (error) {
      parts.logger.error({ err: error, route: 'tab.requests', correlationId }, 'tab requests failed');
      answer(500, { code: 'internal', message: errorSentence(locale, { code: 'internal' }, correlationId) });
    }
  });
}
