import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ServiceClientCredentialsFactory } from 'botframework-connector';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * A local stand-in for the Bot Framework token service: OpenID metadata and a JWKS on loopback, and
 * RS256 tokens signed with its keys (NOTES.md: inbound JWT validation tested offline).
 */
export class TokenAuthority {
  static readonly ISSUER = 'https://api.botframework.com';
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
        res.end(JSON.stringify({ issuer: TokenAuthority.ISSUER, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/keys') {
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
      .setIssuer(o.issuer ?? TokenAuthority.ISSUER)
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
      .setIssuer(TokenAuthority.ISSUER)
      .setAudience(o.appId)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
  }
}

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
        request.headers.set('authorization', 'Bearer local-outbound-token');
        return request;
      },
    };
  }
}
