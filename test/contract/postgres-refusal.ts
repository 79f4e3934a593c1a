import type { PostgresStores } from '../../src/infra/postgres/postgres-stores.js';
import type { Stores } from './engines.js';

const FULL = '53100';
const full = () => Object.assign(new Error('could not extend file "base/16384/16390": No space left on device'), { code: FULL });

/** A statement that changes data: an INSERT, UPDATE or DELETE, alone or in a WITH. */
const WRITES = /^\s*(INSERT|UPDATE|DELETE)\b|^\s*WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b/i;
const textOf = (query: unknown): string => (typeof query === 'string' ? query : typeof query === 'object' && query !== null ? String((query as { text?: unknown }).text ?? '') : '');

/**
 * The server refusing the next write it would commit, as when its disk is full (SQLSTATE 53100), through a
 * seam on the pool: a COMMIT on a connection checked out for a transaction (rolled back, as the server
 * does), or a statement that writes sent alone (its own transaction: refused whole, nothing of it kept).
 * Whichever comes first is refused; everything after goes through.
 */
export function refuseNextWrite(stores: Stores): void {
  const pool = (stores as unknown as PostgresStores).pool;
  let armed = true;
  const connect = pool.connect.bind(pool);
  (pool as { connect: unknown }).connect = async (callback?: unknown) => {
    if (typeof callback === 'function') return connect(callback as never); // pool.query's own way in
    const client = await connect();
    const query = client.query.bind(client) as (text: unknown, ...rest: unknown[]) => Promise<unknown>;
    (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
      if (!(armed && text === 'COMMIT')) return query(text, ...rest);
      armed = false;
      return query('ROLLBACK').then(() => {
        throw full();
      });
    };
    return client;
  };
  const query = pool.query.bind(pool) as (text: unknown, ...rest: unknown[]) => Promise<unknown>;
  (pool as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (!(armed && WRITES.test(textOf(text)))) return query(text, ...rest);
    armed = false;
    return Promise.reject(full());
  };
}
