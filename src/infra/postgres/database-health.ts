import type { Pool } from './pool.js';

export type DatabaseHealth = { writable: true } | { writable: false; reason: 'databaseUnreachable' | 'readOnly'; detail: string };

/**
 * What /healthz says of the database, asked at each call: reachable within `timeoutMs` and taking
 * writes, or why every change is failing (the server down, or the database made read-only, as a full
 * disk or a failover to a replica leaves it). One round trip: `SHOW transaction_read_only`.
 */
export async function databaseHealth(pool: Pool, timeoutMs = 2_000): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const { rows } = await Promise.race([pool.query<{ transaction_read_only: string }>('SHOW transaction_read_only'), late]);
    return rows[0]?.transaction_read_only === 'on' ? { writable: false, reason: 'readOnly', detail: 'the database takes no writes (transaction_read_only is on)' } : { writable: true };
  } catch (error) {
    return { writable: false, reason: 'databaseUnreachable', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
