import { inSpan } from '../observability/telemetry.js';
import type { Stores } from './stores.js';

/**
 * The store calls that write (a transaction, an append, a queued notification), each in a span named
 * `store <store>.<method>`, whichever engine STORE names: the span wraps the port, not the engine.
 * Reads are from memory and not traced. Only the store and method names are attributes.
 */
const WRITES: { [K in Exclude<keyof Stores, 'close' | 'health'>]: string[] } = {
  inventory: ['transact', 'replace', 'seed', 'settle'],
  conversations: ['remember'],
  audit: ['append'],
  work: ['addJob', 'completeJob', 'dropJob', 'enqueue', 'enqueueOnce', 'delivered', 'reschedule', 'fail', 'undeliverable', 'markReachable', 'arrived', 'clearNotices', 'rememberNonce'],
  supportRequests: ['append'],
  cancellations: ['fileOnce'],
};

function traced<T extends object>(store: string, target: T, methods: string[]): T {
  const names = new Set(methods);
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property);
      if (typeof value !== 'function') return value;
      // Called on the store itself, not on the proxy (an engine's private fields are its own).
      if (typeof property !== 'string' || !names.has(property)) return value.bind(object);
      return (...args: unknown[]) =>
        inSpan(`store ${store}.${property}`, { 'benefits.store': store, 'benefits.store.operation': property }, async (span) => {
          const result = await (value as (...a: unknown[]) => unknown).apply(object, args);
          // A transaction refused by a rule is an answer, not a failure of the store.
          if (result && typeof result === 'object' && 'ok' in result && (result as { ok: unknown }).ok === false) span.setAttribute('benefits.store.refused', true);
          return result;
        });
    },
  });
}

export function traceStores(stores: Stores): Stores {
  return {
    inventory: traced('inventory', stores.inventory, WRITES.inventory),
    conversations: traced('conversations', stores.conversations, WRITES.conversations),
    audit: traced('audit', stores.audit, WRITES.audit),
    work: traced('work', stores.work, WRITES.work),
    supportRequests: traced('supportRequests', stores.supportRequests, WRITES.supportRequests),
    cancellations: traced('cancellations', stores.cancellations, WRITES.cancellations),
    ...(stores.health ? { health: stores.health.bind(stores) } : {}),
    close: () => stores.close(),
  };
}
