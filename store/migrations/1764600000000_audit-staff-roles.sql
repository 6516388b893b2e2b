-- Up Migration

-- Everyone who signs in to the caseworkers' web app is audited in her role: data protection officers
-- (who decide erasures) and analysts (who read reports) too. A request for a programme outside the
-- asker's reach is recorded as denied, although she was told only that there is no such programme.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_role_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_role_check
  CHECK (role IN ('caseworker', 'supervisor', 'data-protection-officer', 'analyst', 'partner', 'return-agency', 'system'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_result_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_result_check CHECK (result IN ('done', 'refused', 'not-found', 'denied', 'failed'));

-- Down Migration
ALTER TABLE audit_log DROP CONSTRAINT audit_log_result_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_result_check CHECK (result IN ('done', 'refused', 'not-found', 'failed'));
ALTER TABLE audit_log DROP CONSTRAINT audit_log_role_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_role_check CHECK (role IN ('caseworker', 'supervisor', 'partner', 'return-agency', 'system'));
