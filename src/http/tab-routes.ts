import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { Inventory } from '../domain/inventory.js';
import { identify } from '../domain/identity.js';
import { authorize } from '../domain/policy.js';
import type { DomainError } from '../domain/errors.js';
import { LOCALES, either, localeOf, t, type Locale, type MessageKey } from '../i18n/index.js';
import { errorSentence } from '../chat/refusals.js';
import { dashboardView } from '../tab/dashboard-view.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../observability/logger.js';
import { projectPath } from '../paths.js';
import type { SsoCheck } from './auth/teams-sso.js';

/** What the Benefits dashboard tab needs from the host. No botbuilder here: the tab speaks HTTP + JSON. */
export interface TabParts {
  inventory: { current(): Inventory | undefined };
  clock: Clock;
  /** Checks the Teams SSO token of a request (TeamsSsoVerifier). */
  sso: { verify(authorization: string | undefined): Promise<SsoCheck> };
  /** ALLOWED_TENANT_IDS: when not empty, any other tenant is refused. */
  allowedTenants: readonly string[];
  logger: Logger;
}

/** The sentences the tab shows before (or instead of) the API's answer. */
const CHROME_KEYS = ['tab.title', 'tab.loading', 'tab.notInTeams', 'tab.signInFailed', 'tab.error.unauthenticated', 'tab.error.unavailable'] as const satisfies readonly MessageKey[];

/**
 * Teams (web, desktop, mobile) and the other Microsoft 365 hosts that show personal tabs must be able to
 * frame the tab; nobody else may.
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.live.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
].join(' ');
const CSP = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${FRAME_ANCESTORS}`;

function tabFile(name: string): string {
  return readFileSync(projectPath('tab', name), 'utf8');
}

/** The tab page, with its few sentences in both languages embedded as JSON (not executed, so CSP allows it). */
function renderTabPage(): string {
  const strings = Object.fromEntries(LOCALES.map((locale) => [locale, Object.fromEntries(CHROME_KEYS.map((k) => [k, t(locale, k)]))]));
  const json = JSON.stringify(strings).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return tabFile('index.html').replace('"{{TAB_STRINGS}}"', json);
}

const STATUS_OF: Partial<Record<DomainError['code'], number>> = { notSetUp: 503, internal: 500 };

export function registerTabRoutes(server: restify.Server, parts: TabParts): void {
  const teamsJs = readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js'), 'utf8');
  const files: Record<string, { type: string; body: string }> = {
    page: { type: 'text/html; charset=utf-8', body: renderTabPage() },
    'dashboard.js': { type: 'text/javascript; charset=utf-8', body: tabFile('dashboard.js') },
    'dashboard.css': { type: 'text/css; charset=utf-8', body: tabFile('dashboard.css') },
    'teams-js.min.js': { type: 'text/javascript; charset=utf-8', body: teamsJs.replace(/\n\/\/# sourceMappingURL=.*$/, '\n') },
  };
  // restify 11 takes a handler of two arguments only if it is async.
  const serve = (file: { type: string; body: string }, cache: string) => async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': Buffer.byteLength(file.body),
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      'content-security-policy': CSP,
      'referrer-policy': 'no-referrer',
    });
    res.end(file.body);
  };
  server.get('/tab', serve(files.page!, 'no-cache'));
  server.get('/tab/', serve(files.page!, 'no-cache'));
  for (const name of ['dashboard.js', 'dashboard.css', 'teams-js.min.js']) server.get(`/tab/${name}`, serve(files[name]!, 'no-cache'));

  server.get('/api/tab/overview', async (req, res) => {
    // The server has no query parser: read the one parameter from the URL.
    const locale: Locale = localeOf(new URL(req.url ?? '/', 'http://tab.invalid').searchParams.get('locale') ?? undefined);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.header('cache-control', 'no-store');
      for (const [k, v] of Object.entries(headers)) res.header(k, v);
      res.send(status, body);
    };
    try {
      const check = await parts.sso.verify(req.header('authorization') || undefined);
      if (!check.ok && check.reason === 'keysUnavailable') {
        parts.logger.error({ route: 'tab.overview', reason: check.reason }, 'the SSO signing keys (TAB_SSO_JWKS_URL) could not be fetched');
        answer(503, { code: 'unavailable', message: t(locale, 'tab.error.unavailable') });
        return;
      }
      if (!check.ok) {
        parts.logger.warn({ route: 'tab.overview', reason: check.reason }, 'tab request refused: SSO token not accepted');
        answer(401, { code: 'unauthenticated', message: t(locale, 'tab.error.unauthenticated') }, { 'www-authenticate': 'Bearer' });
        return;
      }
      const { identity } = check;
      const inventory = parts.inventory.current();
      const correlationId = randomUUID();
      const refuse = (error: DomainError) => {
        parts.logger.info({ route: 'tab.overview', code: error.code, tenantId: identity.tenantId, correlationId }, 'tab request refused');
        answer(STATUS_OF[error.code] ?? 403, { code: error.code, message: errorSentence(locale, error, correlationId) });
      };
      if (parts.allowedTenants.length > 0 && !parts.allowedTenants.includes(identity.tenantId)) return refuse({ code: 'foreignTenant' });
      const who = identify(inventory, identity);
      if (!who.ok) return refuse(who.error);
      const decision = authorize(who.value, 'viewBenefits', inventory!.people);
      if (!decision.allowed) {
        // R1.6: the role needed and who holds Global admin, as the bot says it.
        const roles = either(locale, decision.requiredRoles.map((r) => t(locale, `role.${r}`)));
        const admins = decision.globalAdmins.map((p) => p.name).join(', ') || t(locale, 'common.none');
        answer(403, { code: 'forbidden', message: t(locale, 'error.forbidden', { roles, rule: decision.rule, admins }) });
        return;
      }
      answer(200, dashboardView(locale, inventory!, who.value, parts.clock.now()));
    } catch (error) {
      const correlationId = randomUUID();
      parts.logger.error({ err: error, route: 'tab.overview', correlationId }, 'tab overview failed');
      answer(500, { code: 'internal', message: t(locale, 'error.internal', { correlationId }) });
    }
  });
}
