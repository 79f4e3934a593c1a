import type { Migration } from '../migrate.js';

/**
 * The work store: activation jobs, the notification outbox, unreachable conversations, undelivered
 * notices, used nonces and once-keys. A job or a pending notification is claimed by one instance at a
 * time (`claimed_by`, `lease_until`; taken with FOR UPDATE SKIP LOCKED); a job per kind and target, a
 * nonce and a once-key are each one row under a unique key, so that two instances asking at once get
 * one answer. Times are the application's (its clock), never the server's `now()`.
 */
export const WORK: Migration = {
  version: 2,
  name: 'work',
  sql: `
    CREATE TABLE work_jobs (
      id text PRIMARY KEY,
      kind text NOT NULL,
      target_id text NOT NULL,
      job jsonb NOT NULL,
      due_at timestamptz,
      claimed_by text,
      lease_until timestamptz,
      seq bigserial NOT NULL,
      UNIQUE (kind, target_id)
    );
    CREATE INDEX work_jobs_due ON work_jobs (due_at, seq) WHERE due_at IS NOT NULL;

    -- item: what the notification says and to whom (the OutboxItem without its changing fields).
    CREATE TABLE work_outbox (
      id text PRIMARY KEY,
      item jsonb NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error jsonb,
      claimed_by text,
      lease_until timestamptz,
      seq bigserial NOT NULL
    );
    CREATE INDEX work_outbox_due ON work_outbox (next_attempt_at, seq) WHERE state = 'pending';
    CREATE INDEX work_outbox_failed ON work_outbox (seq) WHERE state = 'failed';

    CREATE TABLE work_unreachable (
      conversation_id text PRIMARY KEY,
      reason text NOT NULL,
      at timestamptz NOT NULL
    );

    CREATE TABLE work_notices (
      seq bigserial PRIMARY KEY,
      id text NOT NULL,
      recipient text NOT NULL,
      notice jsonb NOT NULL
    );
    CREATE INDEX work_notices_recipient ON work_notices (recipient, seq);

    CREATE TABLE work_nonces (
      nonce text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX work_nonces_expiry ON work_nonces (expires_at);

    CREATE TABLE work_once (
      once_key text PRIMARY KEY,
      keep_until timestamptz NOT NULL
    );
  `,
};
