import { readFileSync } from 'node:fs';
import { inflateRawSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { buildAppPackage, buildManifest } from '../../src/package/app-package.js';
import { loadPackageConfig, ConfigError, DEMO_TEAMS_APP_ID, type PackageConfig } from '../../src/config/config.js';
import { parseCommand } from '../../src/chat/commands.js';
import { projectPath } from '../../src/lib/paths.js';

// CommonJS default exports, as Node's ESM loader hands them over.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: unknown) => void;

const SETTINGS: PackageConfig = {
  teamsAppId: DEMO_TEAMS_APP_ID,
  botAppId: '6a1b9f5e-1111-4222-8333-944455556666',
  hostName: 'benefits.contoso.com',
};

/** Microsoft's official schemas of the manifest's own version, as @microsoft/app-manifest bundles them (offline). */
function validators(version: string) {
  const dir = projectPath('node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', `v${version}`);
  // Some of Microsoft's patterns are not valid as Unicode regular expressions: compile them as plain ones.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const read = (name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  return { manifest: ajv.compile(read('MicrosoftTeams.schema.json')), localization: ajv.compile(read('MicrosoftTeams.Localization.schema.json')) };
}

const { manifest, localizations } = buildManifest(SETTINGS);
const validate = validators(manifest.manifestVersion);

describe("the manifest validates against Microsoft's schema of its version", () => {
  it('declares a current schema version (1.24 or later) and its $schema says the same', () => {
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  });

  it('manifest.json, filled for a deployment, is valid', () => {
    expect(validate.manifest(manifest) ? [] : validate.manifest.errors).toEqual([]);
  });

  it.each(Object.keys(localizations))('its localization file %s is valid', (file) => {
    expect(validate.localization(localizations[file]) ? [] : validate.localization.errors).toEqual([]);
  });

  // The validator is live: the same manifest with one thing wrong is refused.
  it.each([
    ['a bot id that is not a GUID', (m: any) => (m.bots[0].botId = 'my-bot')],
    ['a tab address that is not a URL', (m: any) => (m.staticTabs[0].contentUrl = 'benefits.contoso.com/tab/')],
    ['a tab name over 128 characters', (m: any) => (m.staticTabs[0].name = 'x'.repeat(129))],
    ['an unknown scope', (m: any) => (m.bots[0].scopes = ['personal', 'everyone'])],
    ['a property the schema does not know', (m: any) => (m.botz = [])],
  ])('refuses %s', (_name, spoil) => {
    const spoilt = structuredClone(manifest);
    spoil(spoilt);
    expect(validate.manifest(spoilt)).toBe(false);
  });

  it('refuses a localization key that names nothing of the manifest', () => {
    expect(validate.localization({ ...(localizations['ja-jp.json'] as object), 'staticTabs[0].title': 'x' })).toBe(false);
  });
});

describe('what the manifest declares', () => {
  it('the bot, in personal, group chat and team scopes, with the command menu in every scope', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(SETTINGS.botAppId);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'groupChat', 'team']);
    expect(manifest.bots[0].commandLists[0].scopes).toEqual(['personal', 'groupChat', 'team']);
  });

  it('the personal tab "Benefits dashboard" served by the bot\'s own host, with Teams\' locale and theme', () => {
    const tab = manifest.staticTabs.find((t: any) => t.contentUrl);
    expect(tab).toMatchObject({ name: 'Benefits dashboard', scopes: ['personal'], contentUrl: 'https://benefits.contoso.com/tab/?locale={locale}&theme={theme}' });
    expect(manifest.validDomains).toEqual(['benefits.contoso.com']);
    expect(localizations['ja-jp.json']).toMatchObject({ [`staticTabs[${manifest.staticTabs.indexOf(tab)}].name`]: '特典ダッシュボード' });
  });

  it('single sign-on for the tab: webApplicationInfo names the bot app and its Application ID URI', () => {
    expect(manifest.webApplicationInfo).toEqual({ id: SETTINGS.botAppId, resource: `api://benefits.contoso.com/${SETTINGS.botAppId}` });
  });

  it('the Teams app id of the settings, and no placeholder left anywhere', () => {
    expect(manifest.id).toBe(DEMO_TEAMS_APP_ID);
    expect(JSON.stringify({ manifest, localizations })).not.toMatch(/\{\{/);
  });

  it('every command in the ja-JP menu is one the bot understands, as the English one', () => {
    const ja = localizations['ja-jp.json'] as Record<string, string>;
    manifest.bots[0].commandLists[0].commands.forEach((c: { title: string }, i: number) => {
      expect(parseCommand(ja[`bots[0].commandLists[0].commands[${i}].title`]!)).toEqual(parseCommand(c.title));
    });
  });
});

/** Reads a zip through its central directory, checking each entry's CRC with zlib's own CRC-32. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(zlibCrc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Size from IHDR and the RGBA pixels (the encoder writes filter type 0 on every row). */
function readPng(png: Buffer) {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 6]); // 8-bit RGBA
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    if (png.toString('ascii', p + 4, p + 8) === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    for (let x = 0; x < width; x++) {
      const o = y * (width * 4 + 1) + 1 + x * 4;
      pixels.push([raw[o]!, raw[o + 1]!, raw[o + 2]!, raw[o + 3]!]);
    }
  }
  return { width, height, pixels };
}

describe('the app package (npm run package)', () => {
  const files = readZip(buildAppPackage(SETTINGS).zip);

  it('holds manifest.json, the two icons and the ja-JP localization file, at its root', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'ja-jp.json', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(JSON.parse(files.get('ja-jp.json')!.toString('utf8'))).toEqual(localizations['ja-jp.json']);
  });

  it('the colour icon is 192×192 and opaque (full-bleed)', () => {
    const icon = readPng(files.get(manifest.icons.color)!);
    expect([icon.width, icon.height]).toEqual([192, 192]);
    expect(icon.pixels.every((p) => p[3] === 255)).toBe(true);
  });

  it('the outline icon is 32×32, white on transparent', () => {
    const icon = readPng(files.get(manifest.icons.outline)!);
    expect([icon.width, icon.height]).toEqual([32, 32]);
    expect(icon.pixels.filter(([r, g, b, a]) => a! > 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    const drawn = icon.pixels.filter((p) => p[3]! > 0).length;
    expect(drawn).toBeGreaterThan(100); // there is a symbol
    expect(drawn).toBeLessThan(32 * 32 - 100); // and transparency around it
  });

  it('is the same bytes for the same settings (fixed entry times), so that a rebuild changes nothing', () => {
    expect(buildAppPackage(SETTINGS).zip.equals(buildAppPackage(SETTINGS).zip)).toBe(true);
  });
});

describe('npm run package reads its settings and names a missing one', () => {
  it.each([
    ['no bot app id', { PUBLIC_HOST_NAME: 'benefits.contoso.com' }, /^MicrosoftAppId: a Teams app package needs/],
    ['no host name', { MicrosoftAppId: SETTINGS.botAppId }, /^PUBLIC_HOST_NAME: a Teams app package needs/],
    ['a host name with a scheme', { MicrosoftAppId: SETTINGS.botAppId, PUBLIC_HOST_NAME: 'https://benefits.contoso.com' }, /PUBLIC_HOST_NAME: must be a host name/],
    ['a Teams app id that is not a GUID', { MicrosoftAppId: SETTINGS.botAppId, PUBLIC_HOST_NAME: 'b.contoso.com', TEAMS_APP_ID: 'benefits' }, /TEAMS_APP_ID: must be a GUID/],
  ])('%s', (_name, env, message) => {
    expect(() => loadPackageConfig(env)).toThrow(ConfigError);
    expect(() => loadPackageConfig(env)).toThrow(message);
  });

  it('takes the demo Teams app id unless told otherwise', () => {
    expect(loadPackageConfig({ MicrosoftAppId: SETTINGS.botAppId, PUBLIC_HOST_NAME: 'benefits.contoso.com:8443' })).toEqual({ ...SETTINGS, hostName: 'benefits.contoso.com:8443' });
  });
});
