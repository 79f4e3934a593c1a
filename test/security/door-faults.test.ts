import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { startHarness, message, type Harness } from '../support/bot-harness.js';
import { PEOPLE } from '../support/demo.js';
import { sign } from '../../src/http/signed-request.js';
import { enUS } from '../../src/i18n/locales/en-US.js';
import { dataFolderHealth, type DataFolderProbe } from '../../src/infra/store/data-folder-health.js';

/**
 * The door, as an attacker found it: compressed bodies inflated before any token was checked, activities
 * missing who/where, signed bodies read as forms or with a key twice, and a health check that said ok on a
 * disk refusing every write. Each is refused (or told) here, over real HTTP.
 */

const HMAC_SECRET = randomBytes(32).toString('hex');
let h: Harness;
/** What the disk answers /healthz (a disk cannot be turned read-only under the bot's open files). */
const disk = { error: undefined as string | undefined, free: 10 * 1024 ** 3 };
const probe: DataFolderProbe = {
  checkWritable: () => {
    if (disk.error) throw Object.assign(new Error(disk.error), { code: disk.error });
  },
  freeBytes: () => disk.free,
};

beforeAll(async () => {
  h = await startHarness({ FULFILMENT_HMAC_SECRET: HMAC_SECRET }, { dataFolderProbe: probe });
});
afterAll(async () => h.stop());

const good = () => JSON.stringify(message(h.connector, PEOPLE.globalAdmin, 'benefits'));

describe('a compressed body is refused before it is read, on every path', () => {
  // 20 MiB of zeros in ~20 KB: restify's body limit counts the wire bytes, so it inflated all of it.
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
  const paths = ['/api/messages', '/api/fulfilment/technical-activations', '/api/tab/overview', '/no/such/path'];
  const small = Buffer.from('{"type":"message","text":"benefits"}');
  const encodings: [string, Buffer][] = [
    ['gzip', bomb],
    ['GZIP', bomb],
    ['deflate', deflateSync(small)],
    ['br', brotliCompressSync(small)],
    ['identity, gzip', bomb],
    ['x-unknown', small],
  ];
  it.each(paths.flatMap((path) => encodings.map(([encoding, body]) => [path, encoding, body] as const)))('%s with Content-Encoding: %s → 415, nothing inflated', async (path, encoding, body) => {
    const before = h.storeBytes();
    const res = await fetch(`${h.bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: new Uint8Array(body) });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'UnsupportedMediaType', message: enUS['error.contentEncodingRefused'] });
    expect(h.storeBytes()).toBe(before);
  });

  it('a body sent with Content-Encoding: identity (not compressed) is served', async () => {
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, body: good() });
    expect(res.status).toBe(200);
  });
});

describe('an activity without who spoke, where, or its connector is refused with 400 (it used to log an error per turn)', () => {
  it.each(['conversation', 'from', 'serviceUrl'])('no %s → 400, nothing logged as an error', async (field) => {
    const lines = h.logs.lines.length;
    const activity = { ...JSON.parse(good()), [field]: undefined };
    const res = await fetch(`${h.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'BadRequest', message: enUS['error.activityMalformed'] });
    expect(h.logs.lines.slice(lines).filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
  });
});

describe('the back office\'s signed bodies are JSON and nothing else', () => {
  const path = '/api/fulfilment/technical-activations';
  const post = (raw: string, contentType: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(`${h.bot.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'x-timestamp': ts, 'x-signature': sign(HMAC_SECRET, ts, raw) }, body: raw });
  };
  const nonce = () => `nonce-${randomBytes(12).toString('hex')}`;

  it('a signed form-encoded body → 415, nothing written', async () => {
    const before = h.storeBytes();
    const res = await post(`benefitId=tb-signature-support&accessId=A1&contractId=C1&nonce=${nonce()}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'UnsupportedMediaType', message: enUS['error.requestNotJson'] });
    expect(h.storeBytes()).toBe(before);
  });

  it.each([
    ['a key twice at the top', (n: string) => `{"benefitId":"tb-unknown","benefitId":"tb-signature-support","accessId":"A1","contractId":"C1","nonce":"${n}"}`, 'benefitId'],
    ['a key twice, spelt once with an escape', (n: string) => `{"benefitId":"tb-signature-support","accessId":"A1","\\u0061ccessId":"A2","contractId":"C1","nonce":"${n}"}`, 'accessId'],
  ])('a signed JSON body with %s → 400 naming the key, nothing written', async (_name, body, key) => {
    const before = h.storeBytes();
    const res = await post(body(nonce()), 'application/json');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'BadRequest', message: enUS['error.requestBodyInvalid'], issues: [`the key "${key}" appears twice in one object`] });
    expect(h.storeBytes()).toBe(before);
  });

  it('the same key in two different objects is no duplicate: the body is read (and refused only for what it says)', async () => {
    const res = await post(`{"benefitId":"tb-signature-support","accessId":"A1","contractId":"C1","nonce":"${nonce()}","x":{"accessId":1}}`, 'application/json');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toMatch(/appears twice/);
  });
});

describe('/healthz says degraded, and why, while the data folder refuses writes', () => {
  afterEach(() => {
    disk.error = undefined;
    disk.free = 10 * 1024 ** 3;
  });
  const health = async () => (await fetch(`${h.bot.url}/healthz`)).json();

  it.each([
    ['read-only (EROFS)', () => (disk.error = 'EROFS'), 'readOnly'],
    ['full (no byte free)', () => (disk.free = 0), 'full'],
  ])('a data folder %s → degraded, the reason and no path; ok again once it is fixed', async (_name, fault, reason) => {
    expect(await health()).toEqual({ status: 'ok', inventory: 'loaded' });
    fault();
    const degraded = await health();
    expect(degraded).toEqual({ status: 'degraded', store: reason, inventory: 'loaded' });
    expect(JSON.stringify(degraded)).not.toContain(h.dataDir);
    expect(h.logs.lines.some((l) => JSON.parse(l).msg?.startsWith('the data folder refuses writes'))).toBe(true);
    disk.error = undefined;
    disk.free = 10 * 1024 ** 3;
    expect(await health()).toEqual({ status: 'ok', inventory: 'loaded' });
  });

  it('the probe reads a real read-only disk as read-only (when this machine lets the test mount one)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'benefits-ro-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      return; // no mount here (not root, or no capability): the seam's cases above still hold
    }
    try {
      expect(dataFolderHealth(dir)).toMatchObject({ writable: false, reason: 'readOnly' });
    } finally {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
