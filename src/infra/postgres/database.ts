import { MIGRATIONS } from './migrations/index.js';
import { migrate, type Migration } from './migrate.js';
import { openPool, redactedUrl, type Pool, type PoolOptions } from './pool.js';

/** PostgreSQL could not be reached or refused us: the sentence names the server, never the password. */
export class DatabaseUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const detail = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    super(`Could not connect to PostgreSQL at ${redactedUrl(url)} (${detail}): check DATABASE_URL, and that the server is running and accepts this user.`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

export interface Database {
  pool: Pool;
  url: string;
  /** The migrations this start applied (none when the schema was up to date). */
  applied: Migration[];
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL and brings its schema up to date (every instance may do so at start: the
 * migrations run under an advisory lock). A database migrated by a newer bot refuses to start
 * (SchemaTooNewError); a server that cannot be reached, a DatabaseUnavailableError.
 */
export async function openDatabase(url: string, options: PoolOptions & { migrations?: readonly Migration[] } = {}): Promise<Database> {
  const pool = openPool(url, options);
  try {
    try {
      (await pool.connect()).release();
    } catch (error) {
      throw new DatabaseUnavailableError(url, error);
    }
    const applied = await migrate(pool, options.migrations ?? MIGRATIONS);
    let ended: Promise<void> | undefined;
    return { pool, url, applied, close: () => (ended ??= pool.end()) };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
