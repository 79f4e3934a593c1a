import type { Migration } from '../migrate.js';

/**
 * Each conversation's last-seen time zone (`localTimezone`) and locale, beside its reference: what is sent
 * unasked (a reminder, a digest) reads in them. The record's JSON carries them as well (the engine reads
 * that); the columns let an operator see and query them. Conversations on record get theirs from their
 * JSON, which has none until the next turn there.
 */
export const CONVERSATION_ZONES: Migration = {
  version: 4,
  name: 'conversation-zones',
  sql: `
    ALTER TABLE conversations ADD COLUMN time_zone text, ADD COLUMN locale text;
    UPDATE conversations SET time_zone = conversation->>'timeZone', locale = conversation->>'locale';
  `,
};
