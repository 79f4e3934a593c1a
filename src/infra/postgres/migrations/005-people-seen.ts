import type { Migration } from '../migrate.js';

/**
 * Each person's last-seen time zone (`localTimezone`) and locale, from any activity of theirs (a
 * channel, a group chat, their 1:1), keyed by their AAD object id: a notification to a 1:1 chat that
 * never showed a zone (a person who only speaks in channels) reads in the person's.
 */
export const PEOPLE_SEEN: Migration = {
  version: 5,
  name: 'people-seen',
  sql: `
    CREATE TABLE people_seen (
      aad_object_id text PRIMARY KEY,
      time_zone text,
      locale text,
      seen_at timestamptz NOT NULL
    );
  `,
};
