import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

/** The bot's Azure app (demo values): what the tab's SSO token is for. */
export const TAB_APP_ID = '6a1b9f5e-1111-4222-8333-944455556666';
export const TAB_APP_ID_URI = `api://localhost/${TAB_APP_ID}`;

export interface MintOptions {
  oid?: string;
  tid?: string;
  aud?: string;
  iss?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  kid?: string;
  /** Sign with a key the JWKS does not hold (a forged token), under the real kid. */
  forged?: boolean;
  extra?: Record<string, unknown>;
}

/**
 * Plays Microsoft Entra ID for the tab's single sign-on: publishes a JWKS over HTTP on loopback and
 * mints RS256 tokens shaped like Teams SSO tokens (aud = the app's Application ID URI, oid, tid, scp).
 */
export class SsoIssuer {
  private server?: Server;
  private key!: { privateKey: CryptoKey; jwk: JWK };
  private rogue!: CryptoKey;
  readonly kid = 'test-key-1';
  jwksUrl = '';

  async start(): Promise<this> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    this.key = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' } };
    this.rogue = (await generateKeyPair('RS256')).privateKey;
    this.server = createServer((req, res) => {
      if (req.url === '/discovery/v2.0/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [this.key.jwk] }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.jwksUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/discovery/v2.0/keys`;
    return this;
  }

  /** The settings that point the bot's tab API at this issuer. */
  env(): Record<string, string> {
    return { TAB_SSO_JWKS_URL: this.jwksUrl, TAB_SSO_AUDIENCES: `${TAB_APP_ID_URI},${TAB_APP_ID}` };
  }

  async mint(o: MintOptions): Promise<string> {
    const tid = o.tid ?? '00000000-0000-4000-8000-000000000000';
    const now = Math.floor(Date.now() / 1000);
    // azp: Teams desktop's client id, as Teams asks for the token on the person's behalf.
    return new SignJWT({ oid: o.oid, tid, scp: 'access_as_user', azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', ver: '2.0', ...(o.extra ?? {}) })
      .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? this.kid, typ: 'JWT' })
      .setIssuer(o.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
      .setAudience(o.aud ?? TAB_APP_ID_URI)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (o.expiresIn ?? 3600))
      .sign(o.forged ? this.rogue : this.key.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
