import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Identity } from '../../domain/identity.js';

export interface TeamsSsoOptions {
  /** Where Microsoft Entra ID (or a test's stand-in) publishes its signing keys. */
  jwksUrl: string;
  /** Accepted `aud` values: the app id and its Application ID URI api://host/appId. Empty: nothing is accepted. */
  audiences: readonly string[];
  /** Accepted issuers, `{tenant}` standing for the token's own `tid`. */
  issuers: readonly string[];
  /** Client apps that may have asked for the token (`azp`, or `appid` in a v1 token): Teams' own by default. */
  clients?: readonly string[];
}

/**
 * The client ids of Teams itself, which the app's `webApplicationInfo` pre-authorises for
 * `access_as_user`: Teams desktop and mobile, and Teams on the web (Microsoft's Teams SSO guidance).
 */
export const TEAMS_CLIENT_IDS: readonly string[] = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];

/** The one scope the tab's API serves. */
export const TAB_SCOPE = 'access_as_user';

/** Why a token was refused, for the log (never the token itself). */
export type SsoRefusal = 'missing' | 'notConfigured' | 'invalid' | 'expired' | 'wrongAudience' | 'wrongIssuer' | 'noIdentity' | 'keysUnavailable' | 'wrongScope' | 'wrongClient';

export type SsoCheck = { ok: true; identity: Required<Identity> } | { ok: false; reason: SsoRefusal };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the Teams SSO token the tab sends (authentication.getAuthToken): RS256 signature by a key of
 * the JWKS, not expired, `aud` one of ours, `iss` the issuer of the token's own tenant, the
 * `access_as_user` scope, asked for by a Teams client (`azp`). Identity is then
 * the token's `oid` and `tid`, exactly as the bot takes it from the authenticated activity.
 */
export class TeamsSsoVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: TeamsSsoOptions) {
    // jose caches the key set and refetches it when a token names an unknown kid (key rollover).
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(authorization: string | undefined): Promise<SsoCheck> {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'missing' };
    if (this.options.audiences.length === 0) return { ok: false, reason: 'notConfigured' };
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        audience: [...this.options.audiences],
        clockTolerance: 60,
        requiredClaims: ['exp', 'iss', 'aud'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
      // The key set could not be fetched: our outage, not the person's token.
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || code === 'ERR_JOSE_GENERIC' || !code?.startsWith('ERR_J')) return { ok: false, reason: 'keysUnavailable' };
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'aud') return { ok: false, reason: 'wrongAudience' };
      return { ok: false, reason: 'invalid' };
    }
    const tid = payload.tid;
    const oid = payload.oid;
    if (typeof tid !== 'string' || !GUID.test(tid) || typeof oid !== 'string' || oid === '') return { ok: false, reason: 'noIdentity' };
    if (!this.options.issuers.some((issuer) => issuer.replace('{tenant}', tid) === payload.iss)) return { ok: false, reason: 'wrongIssuer' };
    // A token for our API that Teams did not ask for on the person's behalf (another app's, an app-only
    // token, one for another scope) is not the tab's: it carried an identity all the same.
    if (typeof payload.scp !== 'string' || !payload.scp.split(' ').includes(TAB_SCOPE)) return { ok: false, reason: 'wrongScope' };
    const client = payload.azp ?? payload.appid;
    if (typeof client !== 'string' || !(this.options.clients ?? TEAMS_CLIENT_IDS).includes(client.toLowerCase())) return { ok: false, reason: 'wrongClient' };
    return { ok: true, identity: { aadObjectId: oid, tenantId: tid } };
  }
}
