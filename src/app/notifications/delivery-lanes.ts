import type { OutboxItem } from '../../ports/work-store.js';

/** What one attempt came to, for its lane: accepted, ended otherwise (written), or held back by our throttle until (ms). */
export type LaneOutcome = 'delivered' | 'ended' | { heldBackUntil: number };

/** A claimed item this instance holds, and until when its claim is ours alone (ms, by our clock). */
export interface HeldItem {
  item: OutboxItem;
  /** The conversation it goes to (or its own id when it goes nowhere): one lane per key. */
  key: string;
  leaseUntil: number;
}

/**
 * Claimed notifications, delivered across conversations in parallel and in order within each: one lane
 * per conversation, at most `parallel` lanes sending at once. A conversation whose connector hangs holds
 * its own lane only (up to the send's timeout per attempt), never the others.
 *
 * An item held back by our own throttle is *parked*: still claimed, kept in memory, nothing written, and
 * handed back to the next pass once its time comes (the rest of its lane is parked with it, keeping the
 * lane's order). An item whose claim would run out before a send could finish is let go unsent: its
 * claim lapses and any instance may take it again.
 */
export class DeliveryLanes {
  private readonly lanes = new Map<string, HeldItem[]>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly parked = new Map<string, HeldItem & { until: number }>();
  private delivered = 0;
  /** Items taken off their lane and being tried. */
  private sending = 0;
  private readonly inFlight = new Set<string>();
  /** Items a lane let go unsent (their claim too short to send): given back by the next pass. */
  private readonly lapsed: string[] = [];

  constructor(
    private readonly parallel: number,
    /** A send can take this long (its timeout): an item whose claim ends sooner is not sent. */
    private readonly sendMs: number,
    private readonly now: () => number,
    private readonly attempt: (item: OutboxItem) => Promise<LaneOutcome>,
    /** A lane ended with room for more: the outbox looks again. */
    private readonly onRoom: () => void,
  ) {}

  /** How many deliveries were accepted so far (drain counts its own by difference). */
  get deliveredCount(): number {
    return this.delivered;
  }

  /** How many items this instance holds (in a lane, being sent, or parked). */
  get size(): number {
    let n = this.parked.size + this.sending;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  /** The ids this instance holds now (in a lane or parked): a pass does not route them twice. */
  holds(id: string): boolean {
    return this.parked.has(id) || this.inFlight.has(id) || [...this.lanes.values()].some((lane) => lane.some((h) => h.item.id === id));
  }

  /** Parked items whose time came (back to their lanes), and those whose claim ran out (let go). */
  unpark(): { ready: HeldItem[]; lapsed: string[] } {
    const now = this.now();
    const ready: HeldItem[] = [];
    const lapsed = this.lapsed.splice(0);
    for (const [id, held] of this.parked) {
      if (held.leaseUntil - this.sendMs <= now) lapsed.push(id);
      else if (held.until <= now) ready.push(held);
      else continue;
      this.parked.delete(id);
    }
    return { ready, lapsed };
  }

  /** The earliest time a parked item may go (ms), if any. */
  parkedUntil(): number | undefined {
    let next: number | undefined;
    for (const held of this.parked.values()) next = Math.min(next ?? Infinity, held.until);
    return next;
  }

  add(held: HeldItem): void {
    const lane = this.lanes.get(held.key) ?? [];
    lane.push(held);
    this.lanes.set(held.key, lane);
  }

  /** Starts lanes up to the limit. */
  run(): void {
    for (const key of this.lanes.keys()) {
      if (this.running.size >= this.parallel) return;
      if (this.running.has(key)) continue;
      const done = this.runLane(key).finally(() => {
        this.running.delete(key);
        if (!this.lanes.get(key)?.length) this.lanes.delete(key);
        this.run();
        this.onRoom();
      });
      this.running.set(key, done);
    }
  }

  /** Resolves once no lane is sending and none is waiting for room. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Every item held but not being sent (at stop): their claims are given back. */
  letGo(): string[] {
    const ids = [...this.lapsed.splice(0), ...this.parked.keys(), ...[...this.lanes.entries()].filter(([key]) => !this.running.has(key)).flatMap(([, lane]) => lane.map((h) => h.item.id))];
    this.parked.clear();
    for (const key of [...this.lanes.keys()]) if (!this.running.has(key)) this.lanes.delete(key);
    return ids;
  }

  private async runLane(key: string): Promise<void> {
    const lane = this.lanes.get(key);
    while (lane?.length) {
      const held = lane.shift()!;
      // Not sent when the claim could run out mid-send: another instance might take it meanwhile.
      if (held.leaseUntil - this.sendMs <= this.now()) {
        this.lapsed.push(held.item.id);
        continue;
      }
      this.sending++;
      this.inFlight.add(held.item.id);
      const outcome = await this.attempt(held.item).finally(() => {
        this.sending--;
        this.inFlight.delete(held.item.id);
      });
      if (outcome === 'delivered') this.delivered++;
      else if (typeof outcome === 'object') {
        for (const h of [held, ...lane.splice(0)]) this.parked.set(h.item.id, { ...h, until: outcome.heldBackUntil });
      }
    }
  }
}
