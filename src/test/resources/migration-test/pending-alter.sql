--liquibase formatted sql

--changeset test:pending-001-audit-logs-note
--comment: Takes ACCESS EXCLUSIVE on oauth_audit_logs, as an ALTER TABLE of a release would.
ALTER TABLE oauth_audit_logs ADD COLUMN test_note text;
--rollback ALTER TABLE oauth_audit_logs DROP COLUMN test_note;
