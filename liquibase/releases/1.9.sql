--liquibase formatted sql

-- Release 1.9: the schema is the DBA's.
--  * The server can run as a role that only reads and writes rows (database.md, "Two roles"): the only DDL it still
--    needs, the audit trail's daily partitions, runs through functions with their owner's rights, on a search_path
--    fixed to the schema they were created in. EXECUTE on them is taken from PUBLIC and granted to the runtime role
--    by the DBA. The runtime role may add audit rows but not change or delete one: rows past the retention go through
--    such a function too, which refuses to touch the last day.
--  * Release 1.6's table follows the conventions of the others (identity column, named constraints, ix_ prefix), and
--    the tables that name a client carry a foreign key to it, as oauth_client_secrets does.

--changeset maxplatform:1.9-001-audit-delete-rows-function splitStatements:false
--comment: Deletes at most batch rows older than keep_from, oldest first, through the parent table (whose delete trigger
--comment: takes them out of the rollups in the same transaction), and returns how many. Only the partition attached at
--comment: the upgrade to 1.7 holds such rows next to younger ones; every other day goes whole (retire_partitions).
CREATE FUNCTION oauth_audit_delete_rows_before(keep_from timestamptz, batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    deleted integer;
BEGIN
    IF keep_from > now() - interval '1 day' THEN
        RAISE EXCEPTION 'oauth_audit_delete_rows_before: % is within the last day; audit rows are kept at least a day', keep_from
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    DELETE FROM oauth_audit_logs WHERE (created_at, id) IN
        (SELECT created_at, id FROM oauth_audit_logs WHERE created_at < keep_from ORDER BY created_at LIMIT batch);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END $$;
--rollback DROP FUNCTION oauth_audit_delete_rows_before(timestamptz, integer);

--changeset maxplatform:1.9-002-audit-retire-partitions-keeps-the-last-day splitStatements:false rollbackSplitStatements:false
--comment: As in 1.7-021, and it refuses a keep_from within the last day: run with its owner's rights (1.9-003), it must
--comment: not let the runtime role drop the audit trail of today.
CREATE OR REPLACE FUNCTION oauth_audit_retire_partitions(keep_from timestamptz, detach boolean) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    p record;
BEGIN
    IF keep_from > now() - interval '1 day' THEN
        RAISE EXCEPTION 'oauth_audit_retire_partitions: % is within the last day; audit rows are kept at least a day', keep_from
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(x'6d61787061'::bigint);
    SET LOCAL lock_timeout = '1s';
    FOR p IN SELECT * FROM oauth_audit_partitions() WHERE ends <= keep_from ORDER BY ends LOOP
        IF detach THEN
            EXECUTE format('ALTER TABLE oauth_audit_logs DETACH PARTITION %I', p.partition_name);
        ELSE
            EXECUTE format('DROP TABLE %I', p.partition_name);
        END IF;
        DELETE FROM oauth_audit_hourly_counts WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
        DELETE FROM oauth_audit_hourly_scopes WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
        DELETE FROM oauth_audit_daily_counts
        WHERE day < (p.ends AT TIME ZONE 'UTC')::date AND (p.starts IS NULL OR day >= (p.starts AT TIME ZONE 'UTC')::date);
        RETURN NEXT p.partition_name;
    END LOOP;
END $$;
--rollback CREATE OR REPLACE FUNCTION oauth_audit_retire_partitions(keep_from timestamptz, detach boolean) RETURNS SETOF text LANGUAGE plpgsql AS $$
--rollback DECLARE
--rollback     p record;
--rollback BEGIN
--rollback     PERFORM pg_advisory_xact_lock(x'6d61787061'::bigint);
--rollback     SET LOCAL lock_timeout = '1s';
--rollback     FOR p IN SELECT * FROM oauth_audit_partitions() WHERE ends <= keep_from ORDER BY ends LOOP
--rollback         IF detach THEN
--rollback             EXECUTE format('ALTER TABLE oauth_audit_logs DETACH PARTITION %I', p.partition_name);
--rollback         ELSE
--rollback             EXECUTE format('DROP TABLE %I', p.partition_name);
--rollback         END IF;
--rollback         DELETE FROM oauth_audit_hourly_counts WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
--rollback         DELETE FROM oauth_audit_hourly_scopes WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
--rollback         DELETE FROM oauth_audit_daily_counts
--rollback         WHERE day < (p.ends AT TIME ZONE 'UTC')::date AND (p.starts IS NULL OR day >= (p.starts AT TIME ZONE 'UTC')::date);
--rollback         RETURN NEXT p.partition_name;
--rollback     END LOOP;
--rollback END $$;

--changeset maxplatform:1.9-003-audit-functions-run-as-owner splitStatements:false rollbackSplitStatements:false
--comment: The three functions that change the audit trail's shape run with their owner's rights, so the runtime role
--comment: needs no DDL; their search_path is fixed to this schema, pg_temp last, so that no object of the caller's
--comment: can stand in for one of ours. Only roles the DBA grants EXECUTE to may call them.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION oauth_audit_add_partitions(integer) SECURITY DEFINER SET search_path = %I, pg_temp',
                   current_schema());
    EXECUTE format('ALTER FUNCTION oauth_audit_retire_partitions(timestamptz, boolean) SECURITY DEFINER SET search_path = %I, pg_temp',
                   current_schema());
    EXECUTE format('ALTER FUNCTION oauth_audit_delete_rows_before(timestamptz, integer) SECURITY DEFINER SET search_path = %I, pg_temp',
                   current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION oauth_audit_add_partitions(integer), oauth_audit_retire_partitions(timestamptz, boolean),
    oauth_audit_delete_rows_before(timestamptz, integer) FROM PUBLIC;
--rollback ALTER FUNCTION oauth_audit_add_partitions(integer) SECURITY INVOKER RESET search_path;
--rollback ALTER FUNCTION oauth_audit_retire_partitions(timestamptz, boolean) SECURITY INVOKER RESET search_path;
--rollback ALTER FUNCTION oauth_audit_delete_rows_before(timestamptz, integer) SECURITY INVOKER RESET search_path;
--rollback GRANT EXECUTE ON FUNCTION oauth_audit_add_partitions(integer), oauth_audit_retire_partitions(timestamptz, boolean),
--rollback     oauth_audit_delete_rows_before(timestamptz, integer) TO PUBLIC;

--changeset maxplatform:1.9-004-failed-authentications-conventions splitStatements:false rollbackSplitStatements:false
--comment: Release 1.6's table as the others are: an identity column instead of bigserial (going on past every id given),
--comment: named primary key and check, the ix_ prefix. ACCESS EXCLUSIVE on a table of a few minutes' failures only.
DO $$
DECLARE
    next_id bigint := (SELECT last_value + 1 FROM oauth_failed_authentications_id_seq);
BEGIN
    SET LOCAL lock_timeout = '1s';
    ALTER TABLE oauth_failed_authentications ALTER COLUMN id DROP DEFAULT;
    DROP SEQUENCE oauth_failed_authentications_id_seq;
    EXECUTE format('ALTER TABLE oauth_failed_authentications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START %s)', next_id);
    ALTER TABLE oauth_failed_authentications RENAME CONSTRAINT oauth_failed_authentications_pkey TO pk_oauth_failed_authentications;
    ALTER TABLE oauth_failed_authentications RENAME CONSTRAINT oauth_failed_authentications_failures_check TO ck_oauth_failed_authentications_failures;
    ALTER INDEX idx_oauth_failed_authentications_window RENAME TO ix_oauth_failed_authentications_window_start;
END $$;
--rollback DO $$
--rollback DECLARE
--rollback     next_id bigint := (SELECT last_value + 1 FROM oauth_failed_authentications_id_seq);
--rollback BEGIN
--rollback     ALTER INDEX ix_oauth_failed_authentications_window_start RENAME TO idx_oauth_failed_authentications_window;
--rollback     ALTER TABLE oauth_failed_authentications RENAME CONSTRAINT ck_oauth_failed_authentications_failures TO oauth_failed_authentications_failures_check;
--rollback     ALTER TABLE oauth_failed_authentications RENAME CONSTRAINT pk_oauth_failed_authentications TO oauth_failed_authentications_pkey;
--rollback     ALTER TABLE oauth_failed_authentications ALTER COLUMN id DROP IDENTITY;
--rollback     CREATE SEQUENCE oauth_failed_authentications_id_seq OWNED BY oauth_failed_authentications.id;
--rollback     PERFORM setval('oauth_failed_authentications_id_seq', next_id, false);
--rollback     ALTER TABLE oauth_failed_authentications ALTER COLUMN id SET DEFAULT nextval('oauth_failed_authentications_id_seq');
--rollback END $$;

--changeset maxplatform:1.9-005-client-foreign-keys
--comment: Cut-offs, revocations and used assertions name a client that exists (clients are never deleted, only marked
--comment: deleted_at). NOT VALID: added at once under a brief lock; 1.9-006 checks the existing rows without blocking
--comment: writes. No ON DELETE: a client row removed by hand must not silently take its tokens' cut-offs with it.
ALTER TABLE oauth_token_cutoffs ADD CONSTRAINT fk_oauth_token_cutoffs_client
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) NOT VALID;
ALTER TABLE oauth_revoked_tokens ADD CONSTRAINT fk_oauth_revoked_tokens_client
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) NOT VALID;
ALTER TABLE oauth_client_assertions ADD CONSTRAINT fk_oauth_client_assertions_client
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) NOT VALID;
--rollback ALTER TABLE oauth_client_assertions DROP CONSTRAINT fk_oauth_client_assertions_client;
--rollback ALTER TABLE oauth_revoked_tokens DROP CONSTRAINT fk_oauth_revoked_tokens_client;
--rollback ALTER TABLE oauth_token_cutoffs DROP CONSTRAINT fk_oauth_token_cutoffs_client;

--changeset maxplatform:1.9-006-client-foreign-keys-validate
--comment: SHARE UPDATE EXCLUSIVE on the referencing tables: rows are written and read meanwhile. Fails, naming the
--comment: constraint, if a row names a client that does not exist (see the upgrade notes for finding such rows).
ALTER TABLE oauth_token_cutoffs VALIDATE CONSTRAINT fk_oauth_token_cutoffs_client;
ALTER TABLE oauth_revoked_tokens VALIDATE CONSTRAINT fk_oauth_revoked_tokens_client;
ALTER TABLE oauth_client_assertions VALIDATE CONSTRAINT fk_oauth_client_assertions_client;
--rollback SELECT 1;

--changeset maxplatform:1.9-007-index-oauth-revoked-tokens-client-id runInTransaction:false
--comment: The foreign key's index, so that checking a client's revocations never reads the whole table. Built
--comment: CONCURRENTLY: revocations go on meanwhile.
CREATE INDEX CONCURRENTLY ix_oauth_revoked_tokens_client_id ON oauth_revoked_tokens (client_id);
--rollback DROP INDEX CONCURRENTLY ix_oauth_revoked_tokens_client_id;
