import type { Migration } from '../migrate.js';

/**
 * The people an audit entry is about besides who acted (`subjectsOf` in src/ports/audit-trail.ts: the
 * person given a seat, a role or the contact, the one it was taken from, the person added), lower-cased,
 * so that a person filter finds what was done to someone as well as what they did, through an index.
 * Entries already on record get theirs from their own JSON, by the same reading.
 */
export const AUDIT_SUBJECTS: Migration = {
  version: 3,
  name: 'audit-subjects',
  sql: `
    ALTER TABLE audit_trail ADD COLUMN subjects text[] NOT NULL DEFAULT '{}';
    UPDATE audit_trail SET subjects = ARRAY(
      SELECT lower(s) FROM unnest(ARRAY[
        CASE WHEN entry->'target'->>'kind' IN ('person', 'marketingContact') THEN entry->'target'->>'id' END,
        entry->'details'->>'assignee', entry->'details'->>'previousHolder', entry->'details'->>'assignedTo'
      ]) AS s WHERE s IS NOT NULL AND s <> ''
    );
    CREATE INDEX audit_trail_subjects ON audit_trail USING gin (subjects);
    CREATE INDEX audit_trail_actor_lower ON audit_trail (lower(actor_id), seq DESC);
  `,
};
