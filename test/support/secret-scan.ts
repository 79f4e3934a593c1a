import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { demoInventoryFile } from './demo.js';

/** Every product key of the demo inventory, as written and without its dashes. */
export function demoProductKeys(): string[] {
  const { benefits } = demoInventoryFile();
  const keys = [...benefits.software, ...benefits.cloud].flatMap((b) => (b as { keys?: string[] }).keys ?? []);
  return keys.flatMap((k) => [k, k.replace(/-/g, '')]);
}

export interface Text {
  where: string;
  text: string;
}

/** Every file under `dir` (data files, journals, temporary files), read as text. */
export function filesUnder(dir: string): Text[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ where: path, text: readFileSync(path, 'utf8') }];
  });
}

/** "where: which secret" for each secret found in any of the texts (empty: none found). */
export function secretsIn(texts: Text[], secrets: string[]): string[] {
  const wanted = [...new Set(secrets.filter((s) => s.length >= 8))];
  return texts.flatMap(({ where, text }) => wanted.filter((s) => text.includes(s)).map((s) => `${where}: ${s.slice(0, 12)}…`));
}
