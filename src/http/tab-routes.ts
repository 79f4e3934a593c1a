import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { Inventory, Person } from '../domain/inventory.js';
import { identify } from '../domain/identity.js';
import type { DomainError, ErrorCode } from '../domain/errors.js';
import { LOCALES, localeOf, t, type Locale, type MessageKey } from '../i18n/index.js';
import { inTimeZone } from '../i18n/time-zone.js';
import { errorSentence } from '../i18n/errors.js';
import type { Actor } from '../app/use-case.js';
import { benefitsOverview } from '../app/overview/overview.js';
import { dashboardView } from '../tab/dashboard-view.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../observability/logger.js';
import { projectPath } from '../lib/paths.js';
import type { SsoCheck } from './auth/teams-sso.js';
import { registerTabRequestsRoute } from './tab-requests-route.js';

/** What the Benefits dashboard tab needs from the host. No botbuilder here: the tab speaks HTTP + JSON. */
export interface TabParts {
  /** `refresh` catches up on what other instances committed (InventoryRepository.refresh). */
  inventory: { current(): Inventory | undefined; refresh?(): Promise<void> };
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

/** What the tab answers before a person is known: the sign-in not verified, or not verifiable now. */
type SignInCode = 'unauthenticated' | 'unavailable';

/**
 * The HTTP status of each code the dashboard can answer with. A person the company does not know, or
 * who may not see benefits, is refused (403); the bot not set up or failing is not their doing.
 */
const STATUS_OF: Partial<Record<ErrorCode | SignInCode, number>> = {
  unauthenticated: 401,
  unavailable: 503,
  foreignTenant: 403,
  notRegistered: 403,
  noRole: 403,
  forbidden: 403,
  notSetUp: 503,
  internal: 500,
};
/** A code missing above is a refusal all the same: the dashboard shows nothing it did not mean to. */
const statusOf = (code: ErrorCode | SignInCode): number => STATUS_OF[code] ?? 403;

/** The person as the overview query takes them. The tab changes nothing, so nothing is audited from where it is. */
const tabActor = (person: Person, locale: Locale): Actor => ({ person, where: { conversationId: 'tab', conversationType: 'personalTab' }, locale });

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

  registerTabRequestsRoute(server, parts);

  server.get('/api/tab/overview', async (req, res) => {
    // The server has no query parser: read the one parameter from the URL.
    const query = new URL(req.url ?? '/', 'http://tab.invalid').searchParams;
    const locale: Locale = localeOf(query.get('locale') ?? undefined);
    // The browser's time zone (an IANA name, checked): the dashboard's times read in it, as the chat's do.
    const timeZone = query.get('timeZone') ?? undefined;
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.header('cache-control', 'no-store');
      for (const [k, v] of Object.entries(headers)) res.header(k, v);
      res.send(status, body);
    };
    try {
      const check = await parts.sso.verify(req.header('authorization') || undefined);
      if (!check.ok && check.reason === 'keysUnavailable') {
        parts.logger.error({ route: 'tab.overview', reason: check.reason }, 'the SSO signing keys (TAB_SSO_JWKS_URL) could not be fetched');
        answer(statusOf('unavailable'), { code: 'unavailable', message: t(locale, 'tab.error.unavailable') });
        return;
      }
      if (!check.ok) {
        parts.logger.warn({ route: 'tab.overview', reason: check.reason }, 'tab request refused: SSO token not accepted');
        answer(statusOf('unauthenticated'), { code: 'unauthenticated', message: t(locale, 'tab.error.unauthenticated') }, { 'www-authenticate': 'Bearer' });
        return;
      }
      const { identity } = check;
      const correlationId = randomUUID();
      const refuse = (error: DomainError) => {
        parts.logger.info({ route: 'tab.overview', code: error.code, tenantId: identity.tenantId, correlationId }, 'tab request refused');
        answer(statusOf(error.code), { code: error.code, message: errorSentence(locale, error, correlationId) });
      };
      if (parts.allowedTenants.length > 0 && !parts.allowedTenants.includes(identity.tenantId)) return refuse({ code: 'foreignTenant' });
      // R1.1, R1.6: the same identity and the same overview query as `benefits` in the chat.
      await parts.inventory.refresh?.();
      const who = identify(parts.inventory.current(), identity);
      if (!who.ok) return refuse(who.error);
      const overview = benefitsOverview(parts, tabActor(who.value, locale));
      if (!overview.ok) return refuse(overview.error);
      answer(200, inTimeZone(timeZone, () => dashboardView(locale, overview.value)));
    } catch (error) {
      const correlationId = randomUUID();
      parts.logger.error({ err: error, route: 'tab.overview', correlationId }, 'tab overview failed');
      answer(statusOf('internal'), { code: 'internal', message: errorSentence(locale, { code: 'internal' }, correlationId) });
    }
  });
}
