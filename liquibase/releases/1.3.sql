--liquibase formatted sql

-- Release 1.3: client secrets rotate with a grace period; signing keys rotate without downtime.

--changeset maxplatform:1.3-001-create-oauth-client-secrets rollbackSplitStatements:false
--comment: Every live secret of a client, as a hash: the current one (expires_at NULL; its hash is also
--comment: oauth_clients.client_secret_hash, the guide's column) and earlier ones still inside their grace
--comment: period. last_used_at is written at most about once a minute per secret and server.
--comment: Rollback loses: every row of oauth_client_secrets (earlier secrets stop working at once, last_used_at is gone).
CREATE TABLE oauth_client_secrets (
    secret_id    varchar(32)  NOT NULL,
    client_id    varchar(100) NOT NULL,
    secret_hash  varchar(200) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    CONSTRAINT pk_oauth_client_secrets PRIMARY KEY (secret_id),
    CONSTRAINT fk_oauth_client_secrets_client FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id)
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.3-001-create-oauth-client-secrets refused: it loses '
--rollback             || 'every row of oauth_client_secrets (earlier secrets stop working at once, last_used_at is gone). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_client_secrets;

--changeset maxplatform:1.3-002-index-oauth-client-secrets-client-id
--comment: A client's secrets, read at every authentication of the client.
CREATE INDEX ix_oauth_client_secrets_client_id ON oauth_client_secrets (client_id);
--rollback DROP INDEX ix_oauth_client_secrets_client_id;

--changeset maxplatform:1.3-003-one-current-secret-per-client
--comment: Two concurrent rotations cannot both leave a current secret.
CREATE UNIQUE INDEX uq_oauth_client_secrets_current ON oauth_client_secrets (client_id) WHERE expires_at IS NULL;
--rollback DROP INDEX uq_oauth_client_secrets_current;

--changeset maxplatform:1.3-004-seed-oauth-client-secrets rollbackSplitStatements:false
--comment: The secret each existing client holds becomes its current secret, created when it was last rotated;
--comment: a deleted client's secret expired when the client was deleted (the clean-up removes it).
--comment: Rollback loses: every row of oauth_client_secrets (earlier secrets stop working at once, last_used_at is gone).
INSERT INTO oauth_client_secrets (secret_id, client_id, secret_hash, created_at, expires_at)
SELECT substr(md5(random()::text || client_id), 1, 22), client_id, client_secret_hash, secret_rotated_at, deleted_at
FROM oauth_clients;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.3-004-seed-oauth-client-secrets refused: it loses '
--rollback             || 'every row of oauth_client_secrets (earlier secrets stop working at once, last_used_at is gone). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DELETE FROM oauth_client_secrets;

--changeset maxplatform:1.3-005-signing-key-lifecycle-times rollbackSplitStatements:false
--comment: A key is published from created_at, signs from activates_at until retired_at (its successor's
--comment: activates_at), and stays published until every token it signed has expired: retired_at +
--comment: longest_token_lifetime_seconds + leeway. withdrawn_at ends all of that at once (a compromised
--comment: key). The state follows from these times, so every server switches keys at the same instant.
--comment: Existing keys may have signed tokens as long-lived as any client's or the default 24 h.
--comment: Rollback loses: the signing key schedule (activates_at, withdrawn_at, longest_token_lifetime_seconds).
ALTER TABLE oauth_signing_keys ADD COLUMN activates_at timestamptz;
ALTER TABLE oauth_signing_keys ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE oauth_signing_keys ADD COLUMN longest_token_lifetime_seconds integer;
UPDATE oauth_signing_keys SET activates_at = created_at,
    longest_token_lifetime_seconds = GREATEST(86400, (SELECT COALESCE(MAX(token_lifetime_seconds), 0) FROM oauth_clients));
ALTER TABLE oauth_signing_keys ALTER COLUMN activates_at SET NOT NULL;
ALTER TABLE oauth_signing_keys ALTER COLUMN longest_token_lifetime_seconds SET NOT NULL;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.3-005-signing-key-lifecycle-times refused: it loses '
--rollback             || 'the signing key schedule (activates_at, withdrawn_at, longest_token_lifetime_seconds). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback ALTER TABLE oauth_signing_keys DROP COLUMN activates_at, DROP COLUMN withdrawn_at, DROP COLUMN longest_token_lifetime_seconds;

--changeset maxplatform:1.3-006-drop-oauth-signing-keys-is-active rollbackSplitStatements:false
--comment: "Signs now" is a time (activates_at <= now < retired_at), no longer a flag; two servers starting
--comment: together on an empty database still create one key, as each holds the start-up lock to create it,
--comment: and rotations take an advisory lock of their own.
--comment: Rollback loses: withdrawn keys and keys not yet signing (deleted), and the retired_at of the signing key.
ALTER TABLE oauth_signing_keys DROP COLUMN is_active;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.3-006-drop-oauth-signing-keys-is-active refused: it loses '
--rollback             || 'withdrawn keys and keys not yet signing (deleted), and the retired_at of the signing key. '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DELETE FROM oauth_signing_keys WHERE withdrawn_at IS NOT NULL OR activates_at > now();
--rollback ALTER TABLE oauth_signing_keys ADD COLUMN is_active boolean NOT NULL DEFAULT false;
--rollback UPDATE oauth_signing_keys SET is_active = (activates_at <= now() AND (retired_at IS NULL OR retired_at > now()));
--rollback UPDATE oauth_signing_keys SET retired_at = NULL WHERE is_active;
--rollback CREATE UNIQUE INDEX uq_oauth_signing_keys_active ON oauth_signing_keys (is_active) WHERE is_active;
