import { MIGRATIONS } from './migrations/index.js';
import { migrate, type Migration } from './migrate.js';
import { openPool, redactedUrl, type Pool, type PoolOptions } from './pool.js';
import { OperatorError } from '../../i18n/operator-sentence.js';

/**
 * PostgreSQL could not be reached or refused us: the sentence names the server, never the password, in
 * the operator's language (the start and move-store print it); the detail is the driver's code or text.
 */
export class DatabaseUnavailableError extends OperatorError {
  override name = 'DatabaseUnavailableError';
  constructor(url: string, cause: unknown) {
    const detail = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    super({ key: 'operator.database.unavailable', params: { url: redactedUrl(url), detail } });
    this.cause = cause;
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
