// How a scenario is measured: load runs (autocannon), floor and bot in alternating slices, and the cost of one write.
import autocannon from 'autocannon';
import { CONNECTIONS, ROUNDS, SECONDS, SETTINGS, SLICE } from './settings.js';
import type { BodyOf } from './scenarios.js';

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/**
 * A scenario measured against its floor in alternating slices (floor, bot, floor, bot …), so that both
 * see the same machine: on a shared machine the load of others drifts within seconds, and a floor
 * measured once at the start made the ratio a measure of that drift (0.46× to 0.99× for the same code).
 * With a same-card echo, each round runs it too.
 */
export interface Paired {
  floor: Load;
  bot: Load;
  /** Each round's throughput ratio bot ÷ floor, and p99 ratio. */
  ratios: number[];
  p99Ratios: number[];
  /** With `sameCardPort`: the echo answering with the bot's own card, its ratios to the floor and the bot's to it. */
  sameCard?: { load: Load; toFloor: number[]; botTo: number[] };
}

/**
 * A load run of 20 connections. With `expected`, each answer is checked by it, and the ones it refuses
 * are counted (`unexpected`): a write answered with a refusal wrote nothing, and would flatter the figure.
 */
export async function load(port: number, body: BodyOf, seconds = SECONDS, expected?: (status: number, text: string) => boolean): Promise<Load & { unexpected: number }> {
  let n = 0;
  let unexpected = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A body per request, where a scenario needs distinct writes.
        setupRequest: (request) => ({ ...request, body: JSON.stringify(body(n++)) }),
        ...(expected ? { onResponse: (status: number, text: string) => void (expected(status, text) || unexpected++) } : {}),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, requests: result.requests.total, unexpected };
}

/** Latency of writes sent one at a time to an idle server: what one write costs. */
export interface WriteCost {
  count: number;
  p50: number;
  mean: number;
  /** Answers that were not the expected card, by what they were. */
  unexpected: string[];
}

export async function writeCost(port: number, bodies: object[]): Promise<WriteCost> {
  const times: number[] = [];
  const unexpected: string[] = [];
  for (const body of bodies) {
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const raw = await res.text();
    times.push(performance.now() - t);
    // Never JSON.parse blindly: an empty or non-JSON answer is a finding to report, not a crash.
    let answer: { type?: string; value?: unknown } | undefined;
    try {
      answer = raw ? (JSON.parse(raw) as typeof answer) : undefined;
    } catch {
      answer = undefined;
    }
    if (res.status !== 200 || answer?.type !== 'application/vnd.microsoft.card.adaptive') {
      unexpected.push(`HTTP ${res.status} ${answer?.type ?? (raw ? 'non-JSON body' : 'empty body')}${typeof answer?.value === 'string' ? `: ${answer.value.slice(0, 120)}` : ''}`);
    }
  }
  times.sort((a, b) => a - b);
  return { count: bodies.length, p50: times[Math.floor(times.length / 2)] ?? 0, mean: times.reduce((a, b) => a + b, 0) / times.length, unexpected };
}

async function warm(port: number, body: BodyOf): Promise<void> {
  await load(port, body, SETTINGS.warm);
}

export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Slices of one scenario, as one load: requests over time, the median slice's latencies. */
function combine(slices: Load[]): Load {
  const requests = slices.reduce((a, l) => a + l.requests, 0);
  return {
    rps: median(slices.map((l) => l.rps)),
    p50: median(slices.map((l) => l.p50)),
    p99: median(slices.map((l) => l.p99)),
    errors: slices.reduce((a, l) => a + l.errors, 0),
    non2xx: slices.reduce((a, l) => a + l.non2xx, 0),
    requests,
  };
}

export async function paired(floorPort: number, floorBody: BodyOf, botPort: number, botBody: BodyOf, sameCardPort?: number): Promise<Paired> {
  await warm(floorPort, floorBody);
  if (sameCardPort) await warm(sameCardPort, floorBody);
  await warm(botPort, botBody);
  const floors: Load[] = [];
  const bots: Load[] = [];
  const cards: Load[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await load(floorPort, floorBody, SLICE));
    if (sameCardPort) cards.push(await load(sameCardPort, floorBody, SLICE));
    bots.push(await load(botPort, botBody, SLICE));
  }
  return {
    floor: combine(floors),
    bot: combine(bots),
    ratios: bots.map((b, i) => ratio(b.rps, floors[i]!.rps)),
    p99Ratios: bots.map((b, i) => ratio(b.p99, floors[i]!.p99)),
    ...(sameCardPort
      ? { sameCard: { load: combine(cards), toFloor: cards.map((c, i) => ratio(c.rps, floors[i]!.rps)), botTo: bots.map((b, i) => ratio(b.rps, cards[i]!.rps)) } }
      : {}),
  };
}

export const ratio = (a: number, b: number) => (b ? a / b : 0);
