import { basename, dirname, join } from 'node:path';
import { applyPatches, enablePatches, type Patch } from 'immer';
import type { Inventory } from '../../domain/inventory.js';
import type { FollowUp } from '../../ports/inventory-repository.js';
import type { FileSystem } from './file-system.js';
import { StoreFileDamaged } from './journal-file.js';
import { inEnglish, type OperatorSentence } from '../../i18n/operator-sentence.js';

enablePatches();

/**
 * What the inventory's snapshot and journal hold, and how a replay rebuilds the state from them
 * (LowdbInventoryRepository writes them; this says what they mean, so a replay and a live change agree).
 */
export interface InventoryDocument {
  schemaVersion: 1;
  inventory: Inventory | null;
  /** The last journal entry this snapshot includes: replay starts after it. */
  journalSeq: number;
  /** Follow-ups of changes not settled at the time of the snapshot. */
  followUps?: FollowUp[];
}

/** A change (its patches, and the follow-up kept with it), or the settling of a follow-up. */
export interface JournalEntry {
  seq: number;
  patches: Patch[];
  followUp?: FollowUp;
  settled?: string;
}

/** What the snapshot and the journals rebuild: the state, its last entry, the follow-ups pending. */
export class Replay {
  seq: number;
  state: Inventory | undefined;
  readonly followUps: Map<string, FollowUp>;
  replayed = 0;

  constructor(document: Partial<InventoryDocument> | undefined) {
    this.state = document?.inventory ?? undefined;
    this.seq = document?.journalSeq ?? 0;
    this.followUps = new Map((document?.followUps ?? []).map((f) => [f.key, f]));
  }

  apply(file: string, entry: JournalEntry): void {
    if (entry.seq <= this.seq) return;
    // The snapshot before these changes is gone (inventory.json lost, or replaced by an empty one): going
    // on would start with no inventory and lose the changes in silence.
    if (!this.state) throw noInventoryFor(file, entry.seq);
    if (entry.patches.length) this.state = applyPatches(this.state, entry.patches);
    if (entry.followUp) this.followUps.set(entry.followUp.key, entry.followUp);
    if (entry.settled) this.followUps.delete(entry.settled);
    this.seq = entry.seq;
    this.replayed++;
  }
}

function noInventoryFor(file: string, seq: number): StoreFileDamaged {
  const snapshot = basename(file).replace(/\.journal(\.\d+)?$/, '');
  const sentence: OperatorSentence = { key: 'operator.store.noSnapshot', params: { file, seq, snapshot } };
  return new StoreFileDamaged(file, undefined, sentence, inEnglish(sentence));
}

/** A covered segment left behind is only skipped on replay: removing it is tidying, not a write that matters. */
export function removeQuietly(fs: FileSystem, path: string): void {
  try {
    fs.remove(path);
  } catch {
    /* removed by the next snapshot */
  }
}

/** Closed journal segments (`<file>.journal.<last seq>`), oldest first. */
export function segments(fs: FileSystem, file: string): { seq: number; path: string }[] {
  const prefix = `${basename(file)}.journal.`;
  return fs
    .list(dirname(file))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ seq: Number(name.slice(prefix.length)), path: join(dirname(file), name) }))
    .sort((a, b) => a.seq - b.seq);
}

export const entryOf = (value: unknown): JournalEntry | undefined => {
  const e = value as JournalEntry | null;
  return e && typeof e.seq === 'number' && Array.isArray(e.patches) ? e : undefined;
};
