--liquibase formatted sql

--changeset test:pending-001-scopes-index runInTransaction:false
--comment: Built concurrently, as a release builds an index on a large table.
CREATE INDEX CONCURRENTLY ix_oauth_scopes_test ON oauth_scopes (category, scope);
--rollback DROP INDEX CONCURRENTLY ix_oauth_scopes_test;
