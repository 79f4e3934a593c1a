import { readFileSync } from 'node:fs';
import { projectPath } from '../lib/paths.js';
import type { PackageConfig } from '../config/config.js';
import { writeZip, type ZipEntry } from './zip.js';

/**
 * The manifest template's placeholders, the Agents Toolkit's `${{NAME}}` (its env/.env.<name> files fill
 * them for `atk package`), and the settings that fill them for `npm run package`: the same zip either way.
 */
const PLACEHOLDERS = {
  '${{TEAMS_APP_ID}}': (c: PackageConfig) => c.teamsAppId,
  '${{BOT_ID}}': (c: PackageConfig) => c.botAppId,
  '${{BOT_DOMAIN}}': (c: PackageConfig) => c.hostName,
} as const;


function fill(template: string, settings: PackageConfig): unknown {
  // The values are a GUID and a host name, both checked by the config schema; they are still
  // inserted JSON-escaped, never as raw text.
  let text = template;
  for (const [placeholder, value] of Object.entries(PLACEHOLDERS)) {
    text = text.split(placeholder).join(JSON.stringify(value(settings)).slice(1, -1));
  }
  const left = /\$\{\{[A-Z_]+\}\}/.exec(text);
  if (left) throw new Error(`manifest: placeholder ${left[0]} has no setting`);
  return JSON.parse(text);
}

/** The manifest and its ja-JP localization file, filled for one deployment. */
export function buildManifest(settings: PackageConfig): { manifest: any; localizations: Record<string, unknown> } {
  const manifest = fill(readFileSync(projectPath('appPackage', 'manifest.json'), 'utf8'), settings) as any;
  const localizations: Record<string, unknown> = {};
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    localizations[file] = fill(readFileSync(projectPath('appPackage', file), 'utf8'), settings);
  }
  return { manifest, localizations };
}

/** The Teams app package an admin uploads (sideloads): manifest.json, the two icons, the localization files. */
export function buildAppPackage(settings: PackageConfig): { zip: Buffer; entries: ZipEntry[] } {
  const { manifest, localizations } = buildManifest(settings);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: json(manifest) },
    { name: manifest.icons.color, data: readFileSync(projectPath('appPackage', manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(projectPath('appPackage', manifest.icons.outline)) },
    ...Object.entries(localizations).map(([name, value]) => ({ name, data: json(value) })),
  ];
  return { zip: writeZip(entries), entries };
}
