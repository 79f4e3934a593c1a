import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ServiceClientCredentialsFactory } from 'botframework-connector';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * A local stand-in for the Bot Framework token service: OpenID metadata and a JWKS on loopback, and
 * RS256 tokens signed with its keys (NOTES.md: inbound JWT validation tested offline). Either SDK is
 * pointed at it (`overrides`): botbuilder reads the OpenID metadata's jwks_uri; the Agents SDK reads the
 * keys at `{authority}/discovery/v2.0/keys` (it goes to login.botframework.com, hard-coded, for tokens of
 * the issuer api.botframework.com, so this authority issues its own).
 */
export class TokenAuthority {
  private server?: Server;
  private keys: { kid: string; privateKey: PrivateKey; jwk: JWK }[] = [];
  url = '';

  async start(): Promise<this> {
    for (const kid of ['key-1', 'key-2']) {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      this.keys.push({ kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } });
    }
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/keys' || req.url === '/botframework.com/discovery/v2.0/keys') {
        res.end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
      } else {
        res.writeHead(404).end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  /** The issuer of its tokens. */
  get issuer(): string {
    return `${this.url}/botframework.com/v2.0`;
  }

  /** What the bot is started with to trust this authority and sign its replies locally, on either SDK. */
  overrides(appId: string) {
    return {
      openIdMetadataUrl: this.metadataUrl,
      tokenIssuer: this.issuer,
      credentialsFactory: new LocalCredentialsFactory(appId),
      authority: `${this.url}/botframework.com`,
      outboundToken: async () => LOCAL_OUTBOUND_TOKEN,
    };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A channel token; every field can be bent to make a bad one (`expiresInSeconds: null`: no exp at all; `claims`: more, or none for serviceurl). */
  async token(o: { appId: string; serviceUrl?: string; kid?: string; signWith?: string; issuer?: string; audience?: string; expiresInSeconds?: number | null; claims?: Record<string, unknown> }): Promise<string> {
    const kid = o.kid ?? 'key-1';
    const signer = this.keys.find((k) => k.kid === (o.signWith ?? kid)) ?? this.keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...(o.serviceUrl !== undefined ? { serviceurl: o.serviceUrl } : {}), ...(o.claims ?? {}) })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(o.issuer ?? this.issuer)
      .setAudience(o.audience ?? o.appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60);
    if (o.expiresInSeconds !== null) jwt.setExpirationTime(now + (o.expiresInSeconds ?? 3600));
    return jwt.sign(signer.privateKey);
  }

  /** A key that the JWKS does not list, for a token signed by a stranger who reuses a known key id. */
  async foreignToken(o: { appId: string; serviceUrl: string }): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: o.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(o.appId)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
  }
}

/** The bearer token of the bot's replies in tests. */
export const LOCAL_OUTBOUND_TOKEN = 'local-outbound-token';

/**
 * Outbound credentials for tests only: replies carry a locally made bearer token instead of one from
 * login.microsoftonline.com, which this machine cannot reach.
 */
export class LocalCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(): Promise<any> {
    return {
      signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
        request.headers.set('authorization', `Bearer ${LOCAL_OUTBOUND_TOKEN}`);
        return request;
      },
    };
  }
}
