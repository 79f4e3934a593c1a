import { join } from 'node:path';

/** One file per store, so that one process owns each and a growing one never rewrites another. */
export const dataFiles = (dataDir: string) => ({
  inventory: join(dataDir, 'inventory.json'),
  conversations: join(dataDir, 'conversations.json'),
  audit: join(dataDir, 'audit.jsonl'),
  // Pending activations and the notification outbox; support requests
  work: join(dataDir, 'work.json'),
  supportRequests: join(dataDir, 'support-requests.jsonl'),
  // Cancellation service requests (R8.2)
  cancellationRequests: join(dataDir, 'cancellation-requests.jsonl'),
});
