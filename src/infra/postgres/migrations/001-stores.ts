import type { Migration } from '../migrate.js';

/**
 * Every store but the work store. The inventory is one document changed by immer patches, so its
 * tables hold patches (what the embedded engine's journal lines hold), not a relational model: anything
 * the Inventory type holds works here with no schema change. Audit lines, support and cancellation
 * requests grow without bound and are queried: one row each, with the columns their queries use.
 * Documents are `json`, not `jsonb`: json keeps the text as given, and jsonb refuses what a person may
 * type (\u0000, a lone surrogate), which would turn a harmless name into a failed change.
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
      patches json NOT NULL DEFAULT '[]',
      inventory json,
      follow_up json,
      follow_up_key text UNIQUE,
      settled boolean NOT NULL DEFAULT false,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inventory_changes_unsettled ON inventory_changes (seq) WHERE follow_up IS NOT NULL AND NOT settled;

    -- The state as of a change, so that start-up replays only what came after it.
    CREATE TABLE inventory_snapshot (
      seq bigint PRIMARY KEY,
      inventory json NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE audit_trail (
      seq bigserial PRIMARY KEY,
      at text NOT NULL,
      action text NOT NULL,
      actor_id text NOT NULL,
      target_id text NOT NULL,
      entry json NOT NULL
    );
    CREATE INDEX audit_trail_actor ON audit_trail (actor_id, seq DESC);
    CREATE INDEX audit_trail_target ON audit_trail (target_id, seq DESC);
    CREATE INDEX audit_trail_action ON audit_trail (action, seq DESC);

    CREATE TABLE support_requests (
      id text PRIMARY KEY,
      seq bigserial UNIQUE,
      benefit_id text NOT NULL,
      request json NOT NULL
    );
    CREATE INDEX support_requests_benefit ON support_requests (benefit_id, seq DESC);

    -- One per package, ever (R8.2): the unique constraint holds it under concurrency, on any instance.
    CREATE TABLE cancellation_requests (
      id text PRIMARY KEY,
      seq bigserial UNIQUE,
      package_id text NOT NULL UNIQUE,
      request json NOT NULL
    );

    -- Numbers every change of a reference: an instance catches up on the ones after the last it read.
    CREATE SEQUENCE conversations_changed;
    CREATE TABLE conversations (
      conversation_id text PRIMARY KEY,
      changed bigint NOT NULL DEFAULT nextval('conversations_changed'),
      conversation_type text NOT NULL,
      aad_object_id text,
      fingerprint text NOT NULL,
      conversation json NOT NULL,
      seen_at timestamptz NOT NULL
    );
    CREATE INDEX conversations_seen ON conversations (seen_at);
    CREATE INDEX conversations_changed_order ON conversations (changed);
  `,
};
