// The targets of the project, each judged on this run's figures: met, missed (by how much), or not measured.
import { median, ratio } from './measure.js';
import type { RunFigures } from './report.js';
import { turnVerdicts } from './sdks.js';

const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const verdict = (ok: boolean, by: number) => (ok ? 'met' : `**missed** by ${Math.round(Math.abs(by) * 100)}%`);
const atLeast = (value: number, target: number) => verdict(value >= target, (target - value) / target);
const atMost = (value: number, target: number) => verdict(value <= target, (value - target) / target);

/** A write target's row: the write's throughput ÷ the echo Action.Execute's (median round), when measured. */
interface TargetWriteRow {
  scenario: string;
  engine: string;
  size: string;
  x?: number;
  /** Why there is no figure. */
  why?: string;
}

const WRITE_NAMES = { 'key reveal': 'key reveal (Get keys, audited)', assignment: 'assignment (Assign user)' } as const;

/**
 * The write scenarios judged against the invoke floor, by engine and size: from the `writes` part
 * (bench/writes.ts: every answer checked to be the write's card) where it ran; else the turns part's
 * key reveals and assignments on the embedded engine.
 */
function writeRows(figures: RunFigures): TargetWriteRow[] {
  if (figures.writes?.length) {
    return figures.writes.map((w) => {
      const unexpected = (w.unexpected ?? 0) > 0;
      const why = w.skipped ? `– (${w.people.toLocaleString('en-US')} people allow too few distinct assignments)` : unexpected ? `**not judged**: ${w.unexpected} unexpected answers` : undefined;
      return { scenario: WRITE_NAMES[w.scenario], engine: w.engine, size: w.size, ...(w.pair && !unexpected ? { x: median(w.pair.ratios) } : {}), ...(why ? { why } : {}) };
    });
  }
  const rows: TargetWriteRow[] = [];
  for (const s of figures.sizes ?? []) {
    rows.push({ scenario: WRITE_NAMES['key reveal'], engine: 'lowdb', size: s.label, x: median(s.revealPair.ratios) });
    rows.push({ scenario: WRITE_NAMES.assignment, engine: 'lowdb', size: s.label, ...(s.assign ? { x: ratio(s.assign.rps, s.revealPair.floor.rps) } : { why: '– (10 people allow too few distinct assignments)' }) });
  }
  for (const size of (figures.sizes ?? []).map((s) => s.label)) {
    for (const scenario of Object.values(WRITE_NAMES)) rows.push({ scenario, engine: 'postgres', size, why: 'not measured (part `writes` not run)' });
  }
  return rows;
}

export function targetsSection(figures: RunFigures): string {
  const rows: string[] = [];
  for (const size of figures.sdks ?? []) {
    for (const v of turnVerdicts(size)) {
      rows.push(`| turn cost: ${v.scenario.split(' (')[0]}, ${v.runner} (${size.label}) | ≥ 1.00× the fastest echo floor; p99 ≤ 1.20× | ${fmt(v.x)}×; p99 ${fmt(v.p99x)}× | ${atLeast(v.x, 1)}; p99 ${atMost(v.p99x, 1.2)} |`);
    }
  }
  if (!figures.sdks) rows.push('| turn cost (overview, list; both adapters, both sizes) | ≥ 1.00× the fastest echo floor; p99 ≤ 1.20× | not measured (part `sdks` not run) | – |');
  for (const w of writeRows(figures)) {
    rows.push(`| write: ${w.scenario}, ${w.engine} (${w.size}) | ≥ 0.50× the invoke floor | ${w.x === undefined ? 'not measured' : `${fmt(w.x)}×`} | ${w.x === undefined ? (w.why ?? 'not measured by this run') : atLeast(w.x, 0.5)} |`);
  }
  for (const s of figures.startup ?? []) {
    const restart = median(s.restartsMs);
    rows.push(`| restart to ready, ${s.engine} (${s.people.toLocaleString('en-US')} people) | ≤ 1,000 ms | ${Math.round(restart).toLocaleString('en-US')} ms (first card ${Math.round(median(s.firstTurnMs)).toLocaleString('en-US')} ms) | ${atMost(restart, 1000)} |`);
    rows.push(`| peak memory, ${s.engine} (${s.people.toLocaleString('en-US')} people, after turns) | ≤ 250 MB | ${Math.round(s.peakMb)} MB | ${atMost(s.peakMb, 250)} |`);
  }
  if (!figures.startup) rows.push('| restart to ready; peak memory | ≤ 1,000 ms; ≤ 250 MB | not measured (part `startup` not run) | – |');
  for (const s of figures.sizes ?? []) rows.push(`| peak memory over the whole turns part (${s.label}; writes and snapshots included) | ≤ 250 MB | ${Math.round(s.peakMb)} MB | ${atMost(s.peakMb, 250)} |`);
  if (figures.fanout) rows.push(`| notification fan-out | ≥ 0.90 of the allowed ceiling | ${fmt(figures.fanout.ratio)} | ${atLeast(figures.fanout.ratio, 0.9)} |`);
  return `## Targets, met or missed

Each target judged on this run's figures (the sections below say how each was taken). Ratios are medians of rounds
measured seconds apart on a shared machine: a figure near its target can fall either side from one run to the next.

| target | goal | this run | verdict |
| --- | --- | ---: | --- |
${rows.join('\n')}`;
}
