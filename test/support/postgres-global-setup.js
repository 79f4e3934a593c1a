import { startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * One PostgreSQL server for the whole run, for every test that needs one (each makes its own database
 * on it: test/support/postgres.ts). DATABASE_URL, when set, names a server to use instead (its user
 * must be allowed to create databases). The URL reaches the tests as TEST_DATABASE_URL. Idempotent:
 * the security project's setup calls it too, and a run of both projects starts one server.
 */
export default async function startPostgresForTests() {
  if (globalThis.__benefitsPostgres) return;
  if (process.env.DATABASE_URL) {
    globalThis.__benefitsPostgres = { url: process.env.DATABASE_URL, destroy: async () => undefined };
  } else {
    const started = Date.now();
    globalThis.__benefitsPostgres = await startEmbeddedPostgres();
    if (process.env.CI || process.env.VERBOSE_TEST_SETUP) process.stdout.write(`\nembedded PostgreSQL on port ${globalThis.__benefitsPostgres.port} (${Date.now() - started} ms)\n`);
  }
  process.env.TEST_DATABASE_URL = globalThis.__benefitsPostgres.url;
}
