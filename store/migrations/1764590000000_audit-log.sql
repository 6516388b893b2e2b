-- Up Migration

-- Records that may only ever be added: an UPDATE, DELETE or TRUNCATE is refused for every role
-- the triggers apply to (a superuser can still switch triggers off: that is what `report verify`
-- is there to notice on the ledger).
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Who did what to which programme, and what came of it. No personal data beyond the actor's id;
-- the programme is a pseudonym (a keyed hash of the case reference).
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL CHECK (actor ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  role text NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'partner', 'return-agency', 'system')),
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9.-]{0,63}$'),
  programme text CHECK (programme ~ '^[0-9a-f]{32}$'),
  result text NOT NULL CHECK (result IN ('done', 'refused', 'not-found', 'failed'))
);
CREATE INDEX audit_log_programme ON audit_log (programme, id);
CREATE INDEX audit_log_actor ON audit_log (actor, id);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Down Migration
DROP TABLE audit_log;
DROP FUNCTION refuse_change();
