import type { Page } from 'playwright-core';

/** What the host tells the tab: the Teams context and the answer to authentication.getAuthToken. */
export interface HostScenario {
  locale: string;
  theme: 'default' | 'dark' | 'contrast';
  userObjectId: string;
  tenantId: string;
  /** The SSO token handed to the tab, or the failure Teams reports instead. */
  token: { ok: true; value: string } | { ok: false; reason: string };
}

/**
 * A page that plays the Teams client for the tab: it frames /tab/ and answers the postMessage requests
 * of @microsoft/teams-js (initialize, getContext, authentication.getAuthToken) as Teams does, with the
 * message shapes of teams-js's own communication layer ({id, uuidAsString, func, args} →
 * {id, uuidAsString, args}). The frame gets no locale or theme in its address: the tab must take them from
 * getContext. It is served at the bot's own origin (Playwright answers the request),
 * the one origin besides Microsoft's that teams-js trusts without an explicit list.
 */
function hostHtml(scenario: HostScenario): string {
  const context = {
    locale: scenario.locale,
    theme: scenario.theme,
    userObjectId: scenario.userObjectId,
    tid: scenario.tenantId,
    entityId: 'benefits-dashboard',
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
  };
  const runtime = { apiVersion: 4, isLegacyTeams: false, supports: { appEntity: {}, teams: { fullTrust: {} } } };
  return `<!doctype html><html><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>html,body{margin:0;height:100%;background:#ebebeb}iframe{border:0;width:100%;height:100%}</style></head>
<body><iframe id="tab" src="/tab/"></iframe>
<script>
  const scenario = ${JSON.stringify({ context, runtime, token: scenario.token })};
  const frame = document.getElementById('tab');
  window.teamsHost = { requests: [], setTheme(theme) { frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, location.origin); } };
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || !event.data || typeof event.data.func !== 'string') return;
    const { id, uuidAsString, func } = event.data;
    window.teamsHost.requests.push(func);
    const reply = (args) => event.source.postMessage({ id, uuidAsString, args }, event.origin);
    switch (func) {
      case 'initialize': return reply(['content', 'web', JSON.stringify(scenario.runtime), '2.58.0']);
      case 'getContext': return reply([scenario.context]);
      case 'authentication.getAuthToken': return reply(scenario.token.ok ? [true, scenario.token.value] : [false, scenario.token.reason]);
      default: return; // appInitialization.success and the like need no answer
    }
  });
</script></body></html>`;
}

/** Opens the tab inside the test host; resolves with the tab's frame. */
export async function openTabInHost(page: Page, botUrl: string, scenario: HostScenario) {
  const hostUrl = `${botUrl}/__teams-test-host.html`;
  await page.route(hostUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostHtml(scenario) }));
  await page.goto(hostUrl);
  return page.frameLocator('#tab');
}
