import type { Migration } from '../migrate.js';

/**
 * Every store but the work store. The inventory is one document changed by immer patches, so its
 * tables hold patches (what the embedded engine's journal lines hold), not a relational model: anything
 * the Inventory type holds works here with no schema change. Audit lines, support and cancellation
 * requests grow without bound and are queried: one row each, with the columns their queries use.
 */
export const STORES: Migration = {
  version: 1,
  name: 'stores',
  sql: `
    -- The last change's number: a change locks this row (FOR UPDATE), so changes are one at a time across instances.
    CREATE TABLE inventory_head (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      seq bigint NOT NULL
    );
    INSERT INTO inventory_head (id, seq) VALUES (true, 0);

    -- One row per acknowledged change: its patches, or the whole inventory for a replace; the follow-up
    -- (records for other stores) kept in the same row, settled once they are written.
    CREATE TABLE inventory_changes (
      seq bigint PRIMARY KEY,
      patches jsonb NOT NULL DEFAULT '[]',
      inventory jsonb,
      follow_up jsonb,
      follow_up_key text UNIQUE,
      settled boolean NOT NULL DEFAULT false,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inventory_changes_unsettled ON inventory_changes (seq) WHERE follow_up IS NOT NULL AND NOT settled;

    -- The state as of a change, so that start-up replays only what came after it.
    CREATE TABLE inventory_snapshot (
      seq bigint PRIMARY KEY,
      inventory jsonb NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE audit_trail (
      seq bigserial PRIMARY KEY,
      at text NOT NULL,
      action text NOT NULL,
      actor_id text NOT NULL,
      target_id text NOT NULL,
      entry jsonb NOT NULL
    );
    CREATE INDEX audit_trail_actor ON audit_trail (actor_id, seq DESC);
    CREATE INDEX audit_trail_target ON audit_trail (target_id, seq DESC);
    CREATE INDEX audit_trail_action ON audit_trail (action, seq DESC);

    CREATE TABLE support_requests (
      id text PRIMARY KEY,
      seq bigserial UNIQUE,
      benefit_id text NOT NULL,
      request jsonb NOT NULL
    );
    CREATE INDEX support_requests_benefit ON support_requests (benefit_id, seq DESC);

    -- One per package, ever (R8.2): the unique constraint holds it under concurrency, on any instance.
    CREATE TABLE cancellation_requests (
      id text PRIMARY KEY,
      seq bigserial UNIQUE,
      package_id text NOT NULL UNIQUE,
      request jsonb NOT NULL
    );

    CREATE TABLE conversations (
      conversation_id text PRIMARY KEY,
      conversation_type text NOT NULL,
      aad_object_id text,
      fingerprint text NOT NULL,
      conversation jsonb NOT NULL,
      seen_at timestamptz NOT NULL
    );
    CREATE INDEX conversations_personal ON conversations (aad_object_id, seen_at DESC) WHERE conversation_type = 'personal';
    CREATE INDEX conversations_seen ON conversations (seen_at);
  `,
};
