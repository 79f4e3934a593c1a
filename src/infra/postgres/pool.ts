import { createHash } from 'node:crypto';
import pg from 'pg';
import type { StoreLogger } from '../store/file-system.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolOptions {
  /** Connections this instance may hold at once. */
  max?: number;
  logger?: StoreLogger;
  /** Names the instance in pg_stat_activity (and so to pg_terminate_backend in the fault suites). */
  applicationName?: string;
}

/** The URL without its password, for a sentence or a log line. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a malformed DATABASE_URL)';
  }
}

/**
 * A pool of connections to DATABASE_URL. An idle connection the server drops (a restart, a fail-over,
 * pg_terminate_backend) emits an error on the pool, which would kill the process if unheard: it is
 * logged and the pool opens a new connection on next use. Every timestamp is read and written as UTC.
 */
export function openPool(url: string, options: PoolOptions = {}): Pool {
  const config: pg.ClientConfig = { connectionString: url, application_name: options.applicationName ?? 'partner-benefits-bot', connectionTimeoutMillis: 10_000, options: '-c TimeZone=UTC' };
  const pool = new pg.Pool({ ...config, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  configs.set(pool, config);
  pool.on('error', (error) => options.logger?.warn({ error: error.message, database: redactedUrl(url) }, 'PostgreSQL: an idle connection was closed; a new one is opened on next use'));
  return pool;
}

const configs = new WeakMap<Pool, pg.ClientConfig>();

/**
 * A connection of its own, outside the pool, to the pool's database: for LISTEN, which holds its
 * connection for as long as the instance runs and must never take one of the pool's.
 */
export function listenerClient(pool: Pool): pg.Client {
  const config = configs.get(pool);
  if (!config) throw new Error('listenerClient: a pool not made by openPool');
  return new pg.Client(config);
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection cut while checked out emits 'error' on the client: unheard, it would end the process.
  // The statement in flight rejects with it anyway, so it is only noted here.
  const cut = (error: Error) => (broken = error);
  client.on('error', cut);
  try {
    await client.query('BEGIN');
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    // A connection on which even ROLLBACK fails is dead: it is not handed out again.
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    client.off('error', cut);
    client.release(broken);
  }
}

const names = new Map<string, string>();

/**
 * A statement a turn sends again and again, as a named prepared statement: each connection has the
 * server parse and plan it once, not at every call (server CPU on the cores the bot shares). Named by
 * its text, so that two texts never share a name.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) names.set(text, (name = `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return { name, text, values };
}
