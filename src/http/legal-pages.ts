import type restify from 'restify';
import { localeOf, t, type Locale, type MessageKey } from '../i18n/index.js';

/**
 * The privacy statement and terms of use that the manifest's privacyUrl and termsOfUseUrl name, served
 * by the bot itself, in English and Japanese: `?lang=ja-JP` (or `en-US`), else the browser's
 * Accept-Language. Static pages: no script, nothing of the request echoed back.
 */
const PAGES = {
  '/privacy': { title: 'legal.privacy.title', paragraphs: ['legal.privacy.intro', 'legal.privacy.keeps', 'legal.privacy.keys', 'legal.privacy.telemetry', 'legal.privacy.retention', 'legal.privacy.contact'] },
  '/terms': { title: 'legal.terms.title', paragraphs: ['legal.terms.intro', 'legal.terms.operator', 'legal.terms.source', 'legal.terms.roles', 'legal.terms.warranty'] },
} satisfies Record<string, { title: MessageKey; paragraphs: MessageKey[] }>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function legalPage(path: keyof typeof PAGES, locale: Locale): string {
  const page = PAGES[path];
  const other: Locale = locale === 'ja-JP' ? 'en-US' : 'ja-JP';
  return [
    '<!doctype html>',
    `<html lang="${locale === 'ja-JP' ? 'ja' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escape(t(locale, page.title))} · Partner Benefits for Teams</title>`,
    '<style>body{font-family:"Segoe UI","Yu Gothic UI",Meiryo,system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f1f1f}a{color:#0f6cbd}</style>',
    '</head><body>',
    `<p><a href="${path}?lang=${other}" hreflang="${other}">${escape(t(locale, 'legal.otherLanguage'))}</a></p>`,
    `<h1>${escape(t(locale, page.title))}</h1>`,
    ...page.paragraphs.map((key) => `<p>${escape(t(locale, key))}</p>`),
    '</body></html>',
  ].join('\n');
}

/** The language asked for: `lang` in the query, else the first language of Accept-Language. */
function pageLocale(req: restify.Request): Locale {
  const lang = new URL(req.url ?? '/', 'http://host').searchParams.get('lang');
  if (lang) return localeOf(lang);
  const accepted = String(req.headers['accept-language'] ?? '').split(',')[0]?.trim();
  return localeOf(accepted);
}

export function legalPages(server: restify.Server): void {
  for (const path of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
    server.get(path, async (req, res) => {
      const body = legalPage(path, pageLocale(req));
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Language',
      });
      res.end(body);
    });
  }
}
