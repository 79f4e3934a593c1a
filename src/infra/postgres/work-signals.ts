import type pg from 'pg';
import { listenerClient, type Pool } from './pool.js';
import { ChannelListener } from './channel-listener.js';
import type { StoreLogger } from '../store/file-system.js';

/** The channel on which a queued job or notification wakes the other instances. */
export const WORK_CHANNEL = 'benefits_work';
/** The advisory lock the one sender holds (any number, as long as it is this project's own). */
const SENDER_LOCK = '7316520148220482';
/** How long a held sender connection is trusted before it is checked again. */
const CHECK_EVERY_MS = 1_000;

/**
 * The one sender among the instances: a session-level advisory lock held on a connection of its own.
 * It is released when that connection ends: the instance stopped, died (the kernel closes its socket)
 * or lost the server; the next instance that asks takes it over. The connection is outside the pool
 * (never handed back to it still holding the lock, and never taking a turn's place in it).
 */
export class SenderRole {
  /** `lost`: its connection reported an error (each connection its own flag: an old one's late error is not the new one's). */
  private held: { client: pg.Client; checkedAt: number; lost: boolean } | undefined;

  constructor(private readonly pool: Pool) {}

  async hold(): Promise<boolean> {
    if (this.held) {
      if (!this.held.lost && Date.now() - this.held.checkedAt < CHECK_EVERY_MS) return true;
      try {
        if (this.held.lost) throw new Error('connection lost');
        await this.held.client.query('SELECT 1');
        this.held.checkedAt = Date.now();
        return true;
      } catch {
        await this.drop();
      }
    }
    const client = listenerClient(this.pool);
    const candidate = { client, checkedAt: Date.now(), lost: false };
    client.on('error', () => void (candidate.lost = true));
    try {
      await client.connect();
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [SENDER_LOCK]);
      if (rows[0]?.got) {
        this.held = candidate;
        return true;
      }
      await client.end().catch(() => undefined);
      return false;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Gives the role up (at stop): unlocked first, so that another may take it at once, then the connection closed. */
  async close(): Promise<void> {
    const held = this.held;
    if (held && !held.lost) await held.client.query('SELECT pg_advisory_unlock($1)', [SENDER_LOCK]).catch(() => undefined);
    await this.drop();
  }

  private async drop(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    await held?.client.end().catch(() => undefined);
  }
}

/**
 * Fans the work channel out to every listener of this instance, on one self-reopening LISTEN connection
 * (ChannelListener), for notifications from the other instances: a payload is the sender's store id, and
 * our own are ignored. A wake-up only: whatever was notified while the connection was lost is found by polling.
 */
export class WorkListener {
  private readonly listeners = new Set<() => void>();
  private channel: ChannelListener | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly self: string,
    private readonly logger: StoreLogger,
  ) {}

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.channel && !this.closed) {
      this.channel = ChannelListener.keep(this.pool, WORK_CHANNEL, {
        notified: (payload) => {
          if (payload === this.self) return;
          for (const each of this.listeners) each();
        },
        lost: (error) =>
          this.logger.warn({ error: error.message }, 'PostgreSQL: the connection that listens for new work was lost; polling carries on, and it is opened again'),
      });
    }
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.channel?.close();
  }
}
