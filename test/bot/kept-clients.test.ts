import { ClaimsIdentity, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { KeptClients } from '../../src/bot/kept-clients.js';

/** A factory that counts what it builds: each client is a distinct object naming what it was built for. */
class CountingFactory extends ConnectorFactory {
  built: string[] = [];
  failNext = false;
  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credentials unavailable');
    }
    this.built.push(`${serviceUrl} ${audience ?? ''}`);
    return { serviceUrl, audience } as unknown as ConnectorClient;
  }
}

const appA = new ClaimsIdentity([{ type: 'aud', value: 'app-a' }], true);
const appB = new ClaimsIdentity([{ type: 'aud', value: 'app-b' }], true);
const anonymous = new ClaimsIdentity([], 'anonymous');

describe('the connector clients are kept per app, serviceUrl and audience, not built per turn', () => {
  it('a second turn of the same app and serviceUrl reuses the client; another app, serviceUrl or audience gets its own', async () => {
    const kept = new KeptClients(8);
    const inner = new CountingFactory();
    const first = await kept.connectorFactory(appA, inner).create('https://smba.example/emea/', 'scope');
    const again = await kept.connectorFactory(appA, inner).create('https://smba.example/emea/', 'scope');
    expect(again).toBe(first);
    await kept.connectorFactory(appB, inner).create('https://smba.example/emea/', 'scope');
    await kept.connectorFactory(appA, inner).create('https://smba.example/amer/', 'scope');
    await kept.connectorFactory(appA, inner).create('https://smba.example/emea/', 'other');
    await kept.connectorFactory(anonymous, inner).create('https://smba.example/emea/', 'scope');
    expect(inner.built).toHaveLength(5);
  });

  it('concurrent first turns share one build', async () => {
    const kept = new KeptClients(8);
    const inner = new CountingFactory();
    const clients = await Promise.all(Array.from({ length: 10 }, () => kept.connectorFactory(appA, inner).create('https://smba.example/', 's')));
    expect(new Set(clients).size).toBe(1);
    expect(inner.built).toHaveLength(1);
  });

  it('a build that fails is not kept: the next turn builds again', async () => {
    const kept = new KeptClients(8);
    const inner = new CountingFactory();
    inner.failNext = true;
    await expect(kept.connectorFactory(appA, inner).create('https://smba.example/', 's')).rejects.toThrow('credentials unavailable');
    await expect(kept.connectorFactory(appA, inner).create('https://smba.example/', 's')).resolves.toBeDefined();
    expect(kept.size).toBe(1);
  });

  it('is bounded: serviceUrls beyond the bound push out the least recently used', async () => {
    const kept = new KeptClients(4);
    const inner = new CountingFactory();
    const factory = kept.connectorFactory(appA, inner);
    const keep = await factory.create('https://smba.example/0/', 's');
    for (let i = 1; i <= 20; i++) {
      await factory.create(`https://smba.example/${i}/`, 's');
      expect(await factory.create('https://smba.example/0/', 's')).toBe(keep); // used every turn: kept
    }
    expect(kept.size).toBe(4);
  });

  it('the user-token client is kept per app', async () => {
    const kept = new KeptClients(8);
    let builds = 0;
    const make = async () => ({ n: ++builds }) as never;
    const a = await kept.userTokenClient(appA, make);
    expect(await kept.userTokenClient(appA, make)).toBe(a);
    expect(await kept.userTokenClient(appB, make)).not.toBe(a);
    expect(builds).toBe(2);
  });
});
