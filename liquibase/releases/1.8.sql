--liquibase formatted sql

-- Release 1.8: announce only what the instances' in-memory views need.
--  * The announcing trigger reads the row's key column alone (it converted the whole row to jsonb).
--  * A secret's last_used_at, written about once a minute per secret and server, is no longer announced: every
--    instance dropped that client from its cache at each of these writes, for nothing.

--changeset maxplatform:1.8-001-notify-change-reads-the-key-column-only splitStatements:false rollbackSplitStatements:false
--comment: Same channel and payload ("<table>:<key>"); the key column is the trigger's argument.
CREATE OR REPLACE FUNCTION maxplatform_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_key text;
BEGIN
    EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) INTO changed_key
        USING CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    PERFORM pg_notify('maxplatform_changes', TG_TABLE_NAME || ':' || COALESCE(changed_key, ''));
    RETURN NULL;
END $$;
--rollback CREATE OR REPLACE FUNCTION maxplatform_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
--rollback DECLARE
--rollback     changed jsonb := to_jsonb(COALESCE(NEW, OLD));
--rollback BEGIN
--rollback     PERFORM pg_notify('maxplatform_changes', TG_TABLE_NAME || ':' || COALESCE(changed ->> TG_ARGV[0], ''));
--rollback     RETURN NULL;
--rollback END $$;

--changeset maxplatform:1.8-002-client-secret-use-is-not-announced
--comment: A secret added, retired (expires_at), replaced or removed is announced; its last_used_at alone is not.
DROP TRIGGER tg_oauth_client_secrets_notify ON oauth_client_secrets;
CREATE TRIGGER tg_oauth_client_secrets_notify
    AFTER INSERT OR DELETE OR UPDATE OF secret_id, client_id, secret_hash, created_at, expires_at ON oauth_client_secrets
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('client_id');
--rollback DROP TRIGGER tg_oauth_client_secrets_notify ON oauth_client_secrets;
--rollback CREATE TRIGGER tg_oauth_client_secrets_notify AFTER INSERT OR UPDATE OR DELETE ON oauth_client_secrets
--rollback     FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('client_id');
