import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkStore } from '../../src/ports/work-store.js';
import { LowdbWorkStore } from '../../src/infra/store/lowdb-work-store.js';
import { PostgresWorkStore } from '../../src/infra/postgres/postgres-work-store.js';
import { openDatabase } from '../../src/infra/postgres/database.js';
import { freshDatabase } from '../support/postgres.js';
import { quiet } from './engines.js';

/** A work store under test, and, where the engine is shared by instances, a second instance on it. */
export interface WorkSubject {
  store: WorkStore;
  /** Another instance on the same storage (PostgreSQL); undefined for an engine of one instance per folder. */
  another?: () => Promise<WorkStore & { close(): Promise<void> }>;
  /** Closes the store as a restart would, and opens it again on the same storage. */
  reopen(): Promise<WorkStore>;
  close(): Promise<void>;
}

export interface WorkEngine {
  name: string;
  open(): Promise<WorkSubject>;
}

export const WORK_ENGINES: WorkEngine[] = [
  {
    name: 'lowdb',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'work-contract-'));
      const file = join(dir, 'work.json');
      let store = await LowdbWorkStore.open(file, { logger: quiet });
      return {
        get store() {
          return store;
        },
        async reopen() {
          await store.close();
          store = await LowdbWorkStore.open(file, { logger: quiet });
          return store;
        },
        async close() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      const opened: { close(): Promise<void> }[] = [];
      const instance = async () => {
        const db = await openDatabase(database.url, { max: 20 });
        const store = new PostgresWorkStore(db.pool, quiet);
        const handle = Object.assign(store, {
          close: async () => {
            await PostgresWorkStore.prototype.close.call(store);
            await db.close();
          },
        });
        opened.push(handle);
        return handle;
      };
      let store = await instance();
      return {
        get store() {
          return store;
        },
        another: instance,
        async reopen() {
          await store.close();
          store = await instance();
          return store;
        },
        async close() {
          for (const s of opened) await s.close().catch(() => undefined);
          await database.drop();
        },
      };
    },
  },
];
