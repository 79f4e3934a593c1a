// The Benefits dashboard, a Teams personal tab. It asks Teams (through @microsoft/teams-js) for the
// person's locale, theme and SSO token, then shows what /api/tab/overview answers for that token.
// Every sentence comes from the server (src/i18n); this script only lays it out, with textContent
// (never innerHTML), so nothing in the inventory can become markup.
/* global microsoftTeams */
(function () {
  'use strict';

  const STRINGS = JSON.parse(document.getElementById('tab-strings').textContent);
  const THEMES = ['default', 'dark', 'contrast'];
  const STATE_TONE = { none: 'none', notActivated: 'warn', partlyActive: 'accent', pending: 'accent', allActive: 'good' };
  const OFFER_TONE = { available: 'warn', pending: 'accent', active: 'good', expired: 'bad' };

  /** Teams locales such as "ja-JP", "ja-jp" or "ja": Japanese; anything else: English (as src/i18n). */
  const localeOf = (value) => (/^ja(\b|[-_])/i.test(value || '') ? 'ja-JP' : 'en-US');
  let locale = localeOf(new URLSearchParams(location.search).get('locale') || navigator.language);
  const say = (key) => STRINGS[locale][key];

  const main = document.getElementById('dashboard');

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setLanguage(next) {
    locale = next;
    document.documentElement.lang = locale === 'ja-JP' ? 'ja' : 'en';
    document.title = say('tab.title');
  }

  function setTheme(theme) {
    document.body.dataset.theme = THEMES.includes(theme) ? theme : 'default';
  }

  function showStatus(text, isError) {
    main.replaceChildren(el('p', { class: isError ? 'status error' : 'status', id: 'status', role: isError ? 'alert' : 'status' }, text));
  }

  function render(view) {
    const groups = el(
      'div',
      { class: 'groups' },
      view.groups.items.map((g) =>
        el('section', { class: 'card', 'data-group': g.group }, el('h3', {}, g.title), el('p', {}, g.holds), el('span', { class: 'pill', 'data-tone': STATE_TONE[g.state] }, g.stateText)),
      ),
    );
    const pending = view.pending.items.length
      ? el('ul', { class: 'plain', id: 'pending' }, view.pending.items.map((p) => el('li', {}, el('span', {}, el('strong', {}, p.name), ' · ', el('span', { class: 'muted' }, p.groupTitle)), el('span', {}, p.text))))
      : el('p', { class: 'muted', id: 'pending' }, view.pending.empty);
    const c = view.offers.columns;
    const offers = view.offers.items.length
      ? el(
          'table',
          { id: 'offers' },
          el('thead', {}, el('tr', {}, el('th', {}, c.name), el('th', {}, c.tier), el('th', {}, c.status), el('th', {}, c.expires))),
          el(
            'tbody',
            {},
            view.offers.items.map((o) =>
              el('tr', { 'data-offer': o.id }, el('td', {}, o.name), el('td', {}, o.tier), el('td', {}, el('span', { class: 'pill', 'data-tone': OFFER_TONE[o.status] }, o.statusText)), el('td', {}, o.expires)),
            ),
          ),
        )
      : el('p', { class: 'muted', id: 'offers' }, view.offers.empty);
    const abilities = el(
      'ul',
      { class: 'plain', id: 'abilities' },
      view.abilities.items.map((a) =>
        el('li', { 'data-action': a.action, 'data-allowed': a.allowed }, el('span', {}, el('span', { class: 'mark', 'aria-hidden': 'true' }, a.allowed ? '✓' : '–'), a.text), el('span', { class: 'muted' }, a.detail)),
      ),
    );
    const packages = el('ul', { class: 'plain', id: 'packages' }, view.packages.items.map((p) => el('li', {}, el('span', {}, p.name), el('span', { class: 'muted' }, p.detail))));
    const parts = [
      el('header', {}, el('h1', {}, view.title), el('p', {}, view.subtitle), el('p', { class: 'muted', id: 'signed-in-as' }, view.signedInAs)),
      view.notice ? el('p', { class: 'notice', role: 'note' }, view.notice) : null,
      el('h2', {}, view.groups.title),
      groups,
      el('h2', {}, view.pending.title),
      pending,
      el('h2', {}, view.offers.title),
      view.offers.notice ? el('p', { class: 'notice', role: 'note', id: 'offers-notice' }, view.offers.notice) : null,
      offers,
      el('h2', {}, view.abilities.title),
      abilities,
      el('h2', {}, view.packages.title),
      packages,
      el('footer', {}, view.chatHint),
    ];
    main.replaceChildren(...parts.filter(Boolean));
  }

  /** The person's requests and, to approvers, those waiting for them (anyone of the company may ask). */
  function requestSection(view) {
    const list = (part, id) =>
      part.items.length
        ? el('ul', { class: 'plain', id }, part.items.map((r) => el('li', { 'data-request': r.id, 'data-state': r.state }, el('span', {}, el('strong', {}, r.name), ' · ', el('span', { class: 'muted' }, r.kind)), el('span', {}, `${r.stateText} · ${r.requester} · ${r.date}`))))
        : el('p', { class: 'muted', id }, part.empty);
    return el(
      'section',
      { id: 'requests' },
      el('h2', {}, view.title),
      el('h3', {}, view.mine.title),
      list(view.mine, 'my-requests'),
      view.waiting ? el('h3', {}, view.waiting.title) : null,
      view.waiting ? list(view.waiting, 'waiting-requests') : null,
      el('p', { class: 'muted' }, view.hint),
    );
  }

  async function loadRequests(token) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    const response = await fetch(`/api/tab/requests?locale=${encodeURIComponent(locale)}&timeZone=${encodeURIComponent(zone)}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => undefined);
    const body = response && response.ok ? await response.json().catch(() => undefined) : undefined;
    if (body && body.mine) main.append(requestSection(body));
  }

  async function load() {
    setLanguage(locale);
    showStatus(say('tab.loading'), false);
    if (typeof microsoftTeams === 'undefined' || window.parent === window) {
      showStatus(say('tab.notInTeams'), true);
      return;
    }
    try {
      await microsoftTeams.app.initialize();
    } catch {
      showStatus(say('tab.notInTeams'), true);
      return;
    }
    const context = await microsoftTeams.app.getContext();
    setLanguage(localeOf(context.app.locale));
    setTheme(context.app.theme);
    microsoftTeams.app.registerOnThemeChangeHandler(setTheme);
    showStatus(say('tab.loading'), false);

    let token;
    try {
      token = await microsoftTeams.authentication.getAuthToken();
    } catch {
      showStatus(say('tab.signInFailed'), true);
      microsoftTeams.app.notifyFailure({ reason: microsoftTeams.app.FailedReason.AuthFailed, message: 'SSO token not granted' });
      return;
    }
    let response;
    try {
      response = await fetch(`/api/tab/overview?locale=${encodeURIComponent(locale)}&timeZone=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone || '')}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    } catch {
      showStatus(say('tab.error.unavailable'), true);
      return;
    }
    const body = await response.json().catch(() => undefined);
    if (response.ok && body) {
      render(body);
    } else {
      // 401 (token refused), 403 (no role, another tenant: the server's sentence says whom to ask), 5xx.
      showStatus(body && typeof body.message === 'string' ? body.message : say('tab.error.unavailable'), true);
    }
    // A person with no role sees no overview, but may have asked for a benefit.
    if (response.ok || (body && body.code === 'noRole')) await loadRequests(token);
    microsoftTeams.app.notifySuccess();
  }

  load().catch(() => showStatus(say('tab.error.unavailable'), true));
})();
