-- Up Migration

-- The evaluation ledger: one de-identified record per programme milestone and per declined offer,
-- append-only and hash-chained. Each record's hash covers the one before it (prev_hash), so a
-- record changed, removed or slipped in shows where the chain breaks (`prepared-return report verify`).
CREATE TABLE ledger (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  -- A keyed hash of the writer's idempotency key (workflow, run, milestone): a retry writes nothing.
  record_key text NOT NULL UNIQUE CHECK (record_key ~ '^[0-9a-f]{64}$'),
  counting_rule text NOT NULL CHECK (counting_rule ~ '^[0-9]{4}\.[0-9]+$'),
  case_pseudonym text NOT NULL CHECK (case_pseudonym ~ '^[0-9a-f]{32}$'),
  home_country text NOT NULL CHECK (home_country ~ '^[A-Z]{2}$'),
  partner text CHECK (partner ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  sex text CHECK (sex IN ('female', 'male', 'other')),
  age_band text CHECK (age_band IN ('under-18', '18-24', '25-34', '35-49', '50-plus')),
  milestone text NOT NULL CHECK (milestone ~ '^[a-z-]{1,40}$'),
  code text CHECK (code ~ '^[a-z0-9-]{1,40}(,[a-z0-9-]{1,40}){0,7}$'),
  severity text CHECK (severity IN ('escalation', 'urgent')),
  outcome text CHECK (outcome ~ '^[a-z-]{1,40}$'),
  since_opened_ms bigint CHECK (since_opened_ms >= 0),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX ledger_opened ON ledger (month) WHERE milestone IN ('opened', 'offer-declined');
CREATE INDEX ledger_case ON ledger (case_pseudonym, seq);

CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The chain's head: the last record's position and hash. Writers lock this one row, so records are
-- appended one at a time; verification compares it with the last record (a removed last record shows).
CREATE TABLE ledger_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO ledger_head (seq, hash) VALUES (0, repeat('0', 64));
CREATE TRIGGER ledger_head_kept BEFORE DELETE ON ledger_head FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_head_no_truncate BEFORE TRUNCATE ON ledger_head FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Down Migration
DROP TABLE ledger_head;
DROP TABLE ledger;
