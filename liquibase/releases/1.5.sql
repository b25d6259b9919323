--liquibase formatted sql

-- Release 1.5: several instances on one database. Every change another instance must honour at once is announced
-- on the channel maxplatform_changes when it commits (PostgreSQL delivers NOTIFY at commit, and never for a
-- rollback), as "<table>:<key>". Each instance LISTENs and refreshes what it keeps in memory. Changes made by
-- hand in SQL are announced the same way.

--changeset maxplatform:1.5-001-notify-change-function splitStatements:false
--comment: The trigger function: the table's name and the row's key column (the trigger's argument).
CREATE FUNCTION maxplatform_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(COALESCE(NEW, OLD));
BEGIN
    PERFORM pg_notify('maxplatform_changes', TG_TABLE_NAME || ':' || COALESCE(changed ->> TG_ARGV[0], ''));
    RETURN NULL;
END $$;
--rollback DROP FUNCTION maxplatform_notify_change();

--changeset maxplatform:1.5-002-notify-client-changes
--comment: A client registered, changed, deactivated or deleted; its secrets replaced or retired.
CREATE TRIGGER tg_oauth_clients_notify AFTER INSERT OR UPDATE OR DELETE ON oauth_clients
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('client_id');
CREATE TRIGGER tg_oauth_client_secrets_notify AFTER INSERT OR UPDATE OR DELETE ON oauth_client_secrets
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('client_id');
--rollback DROP TRIGGER tg_oauth_client_secrets_notify ON oauth_client_secrets;
--rollback DROP TRIGGER tg_oauth_clients_notify ON oauth_clients;

--changeset maxplatform:1.5-003-notify-revocations-and-cutoffs
--comment: A token revoked, or a client's tokens cut off. Deletions are the clean-up of expired rows: not announced.
CREATE TRIGGER tg_oauth_revoked_tokens_notify AFTER INSERT OR UPDATE ON oauth_revoked_tokens
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('token_id');
CREATE TRIGGER tg_oauth_token_cutoffs_notify AFTER INSERT OR UPDATE ON oauth_token_cutoffs
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('client_id');
--rollback DROP TRIGGER tg_oauth_token_cutoffs_notify ON oauth_token_cutoffs;
--rollback DROP TRIGGER tg_oauth_revoked_tokens_notify ON oauth_revoked_tokens;

--changeset maxplatform:1.5-004-notify-signing-key-changes
--comment: A signing key created, rotated, withdrawn or removed.
CREATE TRIGGER tg_oauth_signing_keys_notify AFTER INSERT OR UPDATE OR DELETE ON oauth_signing_keys
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('kid');
--rollback DROP TRIGGER tg_oauth_signing_keys_notify ON oauth_signing_keys;
