import type * as Connector from 'botframework-connector';
import type { ClaimsIdentity, ConnectorClient, UserTokenClient } from 'botframework-connector';
import { requireCommonJs } from '../lib/commonjs.js';

const { AuthenticationConstants, ConnectorFactory } = requireCommonJs('botframework-connector') as typeof Connector;
type ConnectorFactory = Connector.ConnectorFactory;

/**
 * The connector and user-token clients of one app, kept across turns. botbuilder's CloudAdapter builds
 * both for every inbound activity (each an Azure HTTP pipeline with its credentials: ~26% of an overview
 * turn's CPU in a profile), although a turn answered in its HTTP response (an invoke, `expectReplies`)
 * never uses them. Neither holds state of a turn: a client is its base URL, its credentials (which cache
 * and renew their own token) and its pipeline, so one per (app id, serviceUrl, audience) serves every
 * turn, as botbuilder's older BotFrameworkAdapter kept its ConnectorClients per serviceUrl and app.
 *
 * Bounded: serviceUrl comes from the activity (checked against the token's `serviceurl` claim when
 * authentication is on, anything on the loopback bot), so the least recently used client goes first.
 */
export class KeptClients {
  private readonly clients = new Map<string, Promise<unknown>>();

  constructor(private readonly max = 64) {}

  /** A factory whose clients are kept per app id; `inner` builds one the first time it is asked for. */
  connectorFactory(claims: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    return new KeptConnectorFactory(this, appIdOf(claims), inner);
  }

  userTokenClient(claims: ClaimsIdentity, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.get(`token\n${appIdOf(claims)}`, make);
  }

  /** Concurrent first turns share one build; a build that fails is not kept (the next turn tries again). */
  get<T>(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.clients.get(key) as Promise<T> | undefined;
    if (kept) {
      this.clients.delete(key);
      this.clients.set(key, kept);
      return kept;
    }
    const made = make();
    this.clients.set(key, made);
    made.catch(() => {
      if (this.clients.get(key) === made) this.clients.delete(key);
    });
    while (this.clients.size > this.max) this.clients.delete(this.clients.keys().next().value!);
    return made;
  }

  get size(): number {
    return this.clients.size;
  }
}

class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly kept: KeptClients,
    private readonly appId: string,
    private readonly inner: ConnectorFactory,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept.get(`connector\n${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/** The app the turn's token was issued to, as botbuilder picks it (audience, else appid); empty with authentication off. */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}
