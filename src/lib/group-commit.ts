import type { SerialQueue } from './serial-queue.js';

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/** A change's answer from its batch: its value, or what it threw (the others of the batch are answered all the same). */
export type Answer<R> = { value: R } | { error: unknown };

/** What a store's commit of a batch says: each change's answer, in order, and what to do once they are answered. */
export interface Committed<R> {
  answers: Answer<R>[];
  /** Run after every change of the batch is answered (a snapshot that is due): its failure answers none of them. */
  afterwards?: () => Promise<void>;
}

/**
 * Group commit for a store that writes its changes as lines (the work store's journal, the inventory's
 * journal or PostgreSQL transaction): the changes that arrive while the disk syncs the last batch wait
 * together and are written by the next one (one write, one fsync), on the store's queue (its other work,
 * a snapshot, in between). `commit` persists a batch and answers each change in order, or throws, which
 * rejects every change of the batch (none was applied). Each change is still answered only once its own
 * line is on disk.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private queued = false;
  private draining = false;

  constructor(
    private readonly queue: SerialQueue,
    private readonly commit: (items: T[]) => Promise<Committed<R>>,
    /** Changes in one write at most: a bound on one write's size. */
    private readonly max = 200,
  ) {}

  /** Changes waiting for the next batch (not the one being written). */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** A batch is being written, or changes wait for the next. */
  get busy(): boolean {
    return this.draining || this.waiting.length > 0;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.soon();
    });
  }

  private soon(): void {
    if (this.queued || this.waiting.length === 0) return;
    this.queued = true;
    void this.queue.run(() => this.drain());
  }

  private async drain(): Promise<void> {
    this.queued = false;
    const batch = this.waiting.splice(0, this.max);
    this.draining = true;
    try {
      const { answers, afterwards } = await this.commit(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const answer = answers[i]!;
        if ('value' in answer) w.resolve(answer.value);
        else w.reject(answer.error);
      });
      await afterwards?.();
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.draining = false;
      this.soon();
    }
  }
}
