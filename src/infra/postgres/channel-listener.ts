import type pg from 'pg';
import { listenerClient, type Pool } from './pool.js';

/** After a lost LISTEN connection, the next try. */
const RETRY_MS = 1_000;

/**
 * LISTEN on one channel, on a connection of its own (outside the pool), for a store that catches up
 * on other instances' changes sooner than its next read would. A wake-up only: a connection lost once
 * listening is opened again every second until the server is back, and `lost` is told each time.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly on: { notified(payload: string): void; lost?(error: Error): void },
  ) {}

  /** Resolves once listening; rejects (and tries no more) when the first connection fails. */
  static async open(pool: Pool, channel: string, on: ChannelListener['on']): Promise<ChannelListener> {
    const listener = new ChannelListener(pool, channel, on);
    await listener.connect();
    return listener;
  }

  /**
   * Listens from now on, whether or not the server answers yet: a first connection that fails is tried
   * again like a lost one (for a listener that is a wake-up only, behind polling).
   */
  static keep(pool: Pool, channel: string, on: ChannelListener['on']): ChannelListener {
    const listener = new ChannelListener(pool, channel, on);
    void listener.connect().catch((error: Error) => {
      listener.on.lost?.(error);
      listener.connectLater();
    });
    return listener;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = listenerClient(this.pool);
    client.on('notification', (message) => {
      if (!this.closed) this.on.notified(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.on.lost?.(error);
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.connectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
  }

  /** Until the server is back: each attempt that fails schedules the next. */
  private connectLater(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => void this.connect().catch(() => this.connectLater()), RETRY_MS).unref();
  }
}
