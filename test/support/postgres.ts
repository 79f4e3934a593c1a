import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The run's PostgreSQL server (test/support/postgres-global-setup.js): its admin URL. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (jest.config.js starts a PostgreSQL server for the run), or set DATABASE_URL to a server the tests may create databases on.');
  return url;
}

export interface TestDatabase {
  /** A URL to this database alone. */
  url: string;
  name: string;
  /** Drops it (with whatever connections are still open on it). */
  drop(): Promise<void>;
}

/** The same URL, on another database. */
export function urlOfDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement as the server's admin (CREATE/DROP DATABASE cannot run in a transaction). */
export async function asAdmin<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = [], serverUrl = testServerUrl()): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test (or one suite), on the run's server: tests run in parallel and
 * never see each other's rows. Empty: the store under test migrates it as it would in production.
 */
export async function freshDatabase(serverUrl = testServerUrl()): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`, [], serverUrl);
  return {
    url: urlOfDatabase(serverUrl, name),
    name,
    drop: async () => void (await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, [], serverUrl)),
  };
}

/** Ends every connection to `database` but the caller's: what a server restart or a network cut does to an instance. */
export async function terminateConnections(database: string, applicationName?: string, serverUrl = testServerUrl()): Promise<number> {
  const { rows } = await asAdmin<{ n: string }>(
    `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()${applicationName ? ' AND application_name = $2' : ''}`,
    applicationName ? [database, applicationName] : [database],
    serverUrl,
  );
  return Number(rows[0]?.n ?? 0);
}
