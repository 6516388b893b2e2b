-- Up Migration

-- Each case's own secret, half of every payload key of that case (the key ring's key is the other
-- half). Stored wrapped: AES-256-GCM under a key derived from the key ring's key named in
-- wrapping_key_id, with the case key as associated data, so a row moved to another case does not
-- unwrap. The case key is a keyed pseudonym of the programme's workflow id: the table says nothing
-- about which cases exist to whoever holds it without the pseudonym key.
CREATE TABLE case_secrets (
  case_key text PRIMARY KEY CHECK (case_key ~ '^[0-9a-f]{32}$'),
  -- 12-byte IV ‖ 32-byte secret encrypted ‖ 16-byte tag
  wrapped bytea NOT NULL CHECK (octet_length(wrapped) = 60),
  wrapping_key_id text NOT NULL CHECK (wrapping_key_id ~ '^[A-Za-z0-9._-]{1,64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_secrets_wrapping_key ON case_secrets (wrapping_key_id);

-- An erased case: its secret is gone and can never be created again, so nothing is encrypted for
-- it by accident afterwards. Tombstones are never removed.
CREATE TABLE case_secret_tombstones (
  case_key text PRIMARY KEY CHECK (case_key ~ '^[0-9a-f]{32}$'),
  erased_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER case_secret_tombstones_kept BEFORE UPDATE OR DELETE ON case_secret_tombstones FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER case_secret_tombstones_no_truncate BEFORE TRUNCATE ON case_secret_tombstones FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Whatever writes a secret (the codec, an import, a hand-made INSERT), never one for an erased case.
CREATE FUNCTION refuse_erased_case_secret() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM case_secret_tombstones WHERE case_key = NEW.case_key) THEN
    RAISE EXCEPTION 'case % was erased: no secret may be stored for it again', NEW.case_key USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER case_secrets_not_erased BEFORE INSERT OR UPDATE ON case_secrets FOR EACH ROW EXECUTE FUNCTION refuse_erased_case_secret();

-- Down Migration
DROP TABLE case_secrets;
DROP FUNCTION refuse_erased_case_secret();
DROP TABLE case_secret_tombstones;
