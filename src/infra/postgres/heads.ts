import type { UndeliveredNotice } from '../../ports/work-store.js';
import { batchedRun } from '../../lib/batched-run.js';
import { prepared, type Pool } from './pool.js';

/** How far the shared stores have gone: the inventory's head change, the newest conversation reference, the cancellation requests filed. */
export interface StoreHeads {
  inventory: number;
  conversations: number;
  /** How many cancellation requests there are: they are only ever added (one per package), so the count moves with each. */
  cancellations: number;
}

/** A turn that arrived: its conversation is reachable again, its person's notices are read. */
export interface Arrival {
  conversationId: string;
  recipient: string | undefined;
}

const READ_ONLY = '25006';

interface HeadsRow {
  inventory: string;
  conversations: string | null;
  cancellations: number;
  notices: [string, UndeliveredNotice][] | null;
}

interface Asked {
  arrival?: Arrival;
}

/**
 * What a turn asks first on PostgreSQL, in ONE statement shared by the turns asking at once (each gets
 * one that started after it asked): has anything been committed, by any instance, that this one has not
 * read (the inventory's head row, the newest conversation reference, the cancellation requests filed)?
 * The rows are read only by a store whose head moved. The inventory's head is moved in the transaction of every change, so it is exact.
 * The same statement lifts the unreachable marks of the turns' conversations and reads their people's
 * notices (the work store's `arrived`, asked as the turn starts).
 */
export class HeadCheck {
  constructor(private readonly pool: Pool) {}

  read(): Promise<StoreHeads> {
    return this.shared({}) as Promise<StoreHeads>;
  }

  arrive(arrival: Arrival): Promise<UndeliveredNotice[]> {
    return this.shared({ arrival }) as Promise<UndeliveredNotice[]>;
  }

  private readonly shared = batchedRun<Asked, StoreHeads | UndeliveredNotice[]>(async (asked) => {
    const arrivals = asked.flatMap((a) => (a.arrival ? [a.arrival] : []));
    const recipients = [...new Set(arrivals.flatMap((a) => (a.recipient ? [a.recipient] : [])))];
    const conversations = [...new Set(arrivals.map((a) => a.conversationId))];
    const row = await this.query(recipients, conversations).catch((error: { code?: string }) => {
      // A read-only database (25006) refuses the DELETE, though the reads go on: the marks stay until it takes writes.
      if (error.code !== READ_ONLY || !conversations.length) throw error;
      return this.query(recipients, []);
    });
    const heads = { inventory: Number(row.inventory), conversations: Number(row.conversations ?? 0), cancellations: row.cancellations };
    const notices = row.notices ?? [];
    return (a) => (a.arrival ? notices.filter(([recipient]) => recipient === a.arrival!.recipient).map(([, notice]) => notice) : heads);
  });

  /** The heads and the recipients' notices; the marks of `lifted` deleted in the same statement (none: a plain read). */
  private async query(recipients: string[], lifted: string[]): Promise<HeadsRow> {
    const { rows } = await this.pool.query<HeadsRow>(
      prepared(
        `${lifted.length ? 'WITH gone AS (DELETE FROM work_unreachable WHERE conversation_id = ANY($2)) ' : ''}
       SELECT (SELECT seq FROM inventory_head WHERE id) AS inventory, (SELECT max(changed) FROM conversations) AS conversations,
              (SELECT count(*)::int FROM cancellation_requests) AS cancellations,
              (SELECT json_agg(json_build_array(recipient, notice) ORDER BY seq) FROM work_notices WHERE recipient = ANY($1)) AS notices`,
        lifted.length ? [recipients, lifted] : [recipients],
      ),
    );
    return rows[0]!;
  }
}
