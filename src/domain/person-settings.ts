import type { Inventory, PersonSettings } from './inventory.js';

/** What a turn tells about a person: their Teams user id, language and time zone. */
export type SeenSettings = Pick<PersonSettings, 'userId' | 'locale' | 'timeZone'>;

export function settingsOf(inventory: Inventory, aadObjectId: string): PersonSettings | undefined {
  return (inventory.settings ?? []).find((s) => s.aadObjectId === aadObjectId);
}

/**
 * Keeps what a turn tells about the person, inside a change they make anyway (a request, a decision, a
 * digest setting): nothing is written for it alone, and nothing when it is what was kept.
 */
export function rememberSettings(inventory: Inventory, aadObjectId: string, seen: SeenSettings): PersonSettings {
  inventory.settings ??= [];
  let settings = inventory.settings.find((s) => s.aadObjectId === aadObjectId);
  if (!settings) {
    settings = { aadObjectId };
    inventory.settings.push(settings);
    settings = inventory.settings[inventory.settings.length - 1]!;
  }
  for (const key of ['userId', 'locale', 'timeZone'] as const) {
    const value = seen[key];
    if (value && settings[key] !== value) settings[key] = value;
  }
  return settings;
}

/** A person's settings are kept only while they are in the company. */
export function pruneSettings(inventory: Inventory): number {
  const list = inventory.settings ?? [];
  // Nothing to prune: the people are not read (on a draft, reading all 50,000 costs a proxy each).
  if (!list.length) return 0;
  const ids = new Set(inventory.people.map((p) => p.aadObjectId));
  const keep = list.filter((s) => ids.has(s.aadObjectId));
  if (keep.length !== list.length) inventory.settings = keep;
  return list.length - keep.length;
}
