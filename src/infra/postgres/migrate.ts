import type { Pool } from './pool.js';
import { OperatorError } from '../../i18n/operator-sentence.js';

/** One step of the schema: applied once, in order of `version`, in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The database was migrated by a newer bot: this one does not know its tables and must not write to them. */
export class SchemaTooNewError extends OperatorError {
  override name = 'SchemaTooNewError';
  constructor(readonly found: { version: number; name: string }, readonly known: number) {
    super({ key: 'operator.database.schemaTooNew', params: { version: found.version, name: found.name, known } });
  }
}

/**
 * A migration the server refused (a user without the right to create tables, say): rolled back, so the
 * schema is as before. The start stops with this sentence; the server's own words are its reason.
 */
export class MigrationFailedError extends OperatorError {
  override name = 'MigrationFailedError';
  constructor(readonly migration: { version: number; name: string }, cause: unknown) {
    super({ key: 'operator.database.migrationFailed', params: { version: migration.version, name: migration.name, reason: (cause as Error).message } });
    this.cause = cause;
  }
}

/** Any number will do, as long as it is this project's own: it names the lock every instance takes to migrate. */
const MIGRATION_LOCK = 7_316_520_148_220_481n;

/**
 * Brings the schema up to the last of `migrations`, under an advisory lock, so that instances starting
 * together migrate once and each waits until the schema is whole. Each migration runs in its own
 * transaction with its row in `schema_migrations`: one that fails leaves the schema as the previous one
 * left it. A database at a version this code does not know refuses (SchemaTooNewError). Returns the
 * migrations it applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[]): Promise<Migration[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    // A mistake in this code's own list, which its tests meet first: never an operator's to read, so English only.
    if (i > 0 && m.version === ordered[i - 1]!.version) throw new Error(`Two migrations are numbered ${m.version}: ${ordered[i - 1]!.name} and ${m.name}.`);
  });
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      const known = ordered.at(-1)?.version ?? 0;
      const newer = rows.find((r) => r.version > known);
      if (newer) throw new SchemaTooNewError(newer, known);
      const done = new Set(rows.map((r) => r.version));
      const applied: Migration[] = [];
      for (const migration of ordered) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new MigrationFailedError(migration, error);
        }
        applied.push(migration);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
