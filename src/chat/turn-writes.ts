import type { Inventory } from '../domain/inventory.js';
import type { Result } from '../domain/errors.js';
import type { FollowUp } from '../ports/inventory-repository.js';
import type { ChatDeps } from './context.js';

/** Whether this turn has saved a change yet (what a failure may then say). */
export interface TurnWrites {
  saved: boolean;
}

/**
 * The turn's view of the stores: each durable write it makes marks `writes.saved` once acknowledged.
 * Wrappers with their methods on a prototype: one object per store a turn, not a closure per method
 * (building fifteen closures was ~2.5% of a read turn, which writes nothing).
 */
export function watchWrites(deps: ChatDeps, writes: TurnWrites): ChatDeps {
  return {
    ...deps,
    inventory: new WatchedInventory(deps.inventory, writes),
    activations: new WatchedActivations(deps.activations, writes),
    supportRequests: new WatchedSupportRequests(deps.supportRequests, writes),
    cancellations: new WatchedCancellations(deps.cancellations, writes),
  };
}

type Inventories = ChatDeps['inventory'];

class WatchedInventory implements Inventories {
  readonly recordsInChange?: true;
  constructor(
    private readonly inner: Inventories,
    private readonly writes: TurnWrites,
  ) {
    if (inner.recordsInChange) this.recordsInChange = true;
  }
  current() {
    return this.inner.current();
  }
  refresh() {
    return this.inner.refresh();
  }
  async transact<T>(change: (inventory: Inventory) => Result<T>, followUp?: (value: T, changed: boolean) => FollowUp | undefined): Promise<Result<T>> {
    const result = await this.inner.transact(change, followUp);
    if (result.ok) this.writes.saved = true;
    return result;
  }
  async replace(next: Parameters<Inventories['replace']>[0]) {
    await this.inner.replace(next);
    this.writes.saved = true;
  }
  async seed(next: Parameters<Inventories['seed']>[0]) {
    const seeded = await this.inner.seed(next);
    this.writes.saved = true;
    return seeded;
  }
  followUps() {
    return this.inner.followUps();
  }
  settle(key: string) {
    return this.inner.settle(key);
  }
  finishLeftBehind(finish: Parameters<Inventories['finishLeftBehind']>[0]) {
    return this.inner.finishLeftBehind(finish);
  }
}

class WatchedActivations implements Pick<ChatDeps['activations'], 'request'> {
  constructor(
    private readonly inner: ChatDeps['activations'],
    private readonly writes: TurnWrites,
  ) {}
  async request(activation: Parameters<ChatDeps['activations']['request']>[0]) {
    const job = await this.inner.request(activation);
    this.writes.saved = true;
    return job;
  }
}

class WatchedSupportRequests implements Pick<ChatDeps['supportRequests'], 'append' | 'list'> {
  constructor(
    private readonly inner: ChatDeps['supportRequests'],
    private readonly writes: TurnWrites,
  ) {}
  async append(request: Parameters<ChatDeps['supportRequests']['append']>[0]) {
    await this.inner.append(request);
    this.writes.saved = true;
  }
  list(query: Parameters<ChatDeps['supportRequests']['list']>[0]) {
    return this.inner.list(query);
  }
}

class WatchedCancellations implements Pick<ChatDeps['cancellations'], 'fileOnce' | 'list'> {
  constructor(
    private readonly inner: ChatDeps['cancellations'],
    private readonly writes: TurnWrites,
  ) {}
  async fileOnce(request: Parameters<ChatDeps['cancellations']['fileOnce']>[0]) {
    const outcome = await this.inner.fileOnce(request);
    if (outcome.created) this.writes.saved = true;
    return outcome;
  }
  list(query: Parameters<ChatDeps['cancellations']['list']>[0]) {
    return this.inner.list(query);
  }
}
