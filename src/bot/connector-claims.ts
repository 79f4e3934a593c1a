// What both SDKs' inbound checks hold a Bot Connector token to, with no SDK module loaded.

export const BOT_CONNECTOR_ISSUER = 'https://api.botframework.com';

/** Teams' service URLs differ at most by a trailing slash and the case of the host. */
export function sameServiceUrl(claimed: string, activity: string | undefined): boolean {
  const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  return typeof activity === 'string' && norm(claimed) === norm(activity);
}
