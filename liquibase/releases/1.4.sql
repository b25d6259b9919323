--liquibase formatted sql

-- Release 1.4: clients that authenticate with a key (private_key_jwt) and audience-bound tokens (RFC 8707).

--changeset maxplatform:1.4-001-oauth-clients-authentication-method rollbackSplitStatements:false
--comment: RFC 7591's names. A client authenticates with its secret (client_secret_basic or client_secret_post,
--comment: one credential sent two ways) or with a JWT signed by a key of its public JWK Set (private_key_jwt,
--comment: RFC 7523), never both. A client registered with a key has no secret.
--comment: Rollback loses: every private_key_jwt client and its secrets (deleted), and the jwks of every client.
ALTER TABLE oauth_clients ADD COLUMN token_endpoint_auth_method varchar(30) NOT NULL DEFAULT 'client_secret_basic';
ALTER TABLE oauth_clients ADD COLUMN jwks text;
ALTER TABLE oauth_clients ALTER COLUMN client_secret_hash DROP NOT NULL;
ALTER TABLE oauth_clients ADD CONSTRAINT ck_oauth_clients_authentication CHECK (
    (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post') AND client_secret_hash IS NOT NULL)
    OR (token_endpoint_auth_method = 'private_key_jwt' AND jwks IS NOT NULL));
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.4-001-oauth-clients-authentication-method refused: it loses '
--rollback             || 'every private_key_jwt client and its secrets (deleted), and the jwks of every client. '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DELETE FROM oauth_client_secrets WHERE client_id IN (SELECT client_id FROM oauth_clients WHERE client_secret_hash IS NULL);
--rollback DELETE FROM oauth_clients WHERE client_secret_hash IS NULL;
--rollback ALTER TABLE oauth_clients DROP CONSTRAINT ck_oauth_clients_authentication;
--rollback ALTER TABLE oauth_clients ALTER COLUMN client_secret_hash SET NOT NULL;
--rollback ALTER TABLE oauth_clients DROP COLUMN jwks, DROP COLUMN token_endpoint_auth_method;

--changeset maxplatform:1.4-002-oauth-clients-allowed-audiences rollbackSplitStatements:false
--comment: The audiences (absolute URIs or names) a client may ask for with RFC 8707's resource parameter;
--comment: without one, a token is for the server's default audience.
--comment: Rollback loses: allowed_audiences (clients may then ask only for the default audience).
ALTER TABLE oauth_clients ADD COLUMN allowed_audiences text[] NOT NULL DEFAULT '{}';
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.4-002-oauth-clients-allowed-audiences refused: it loses '
--rollback             || 'allowed_audiences (clients may then ask only for the default audience). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback ALTER TABLE oauth_clients DROP COLUMN allowed_audiences;

--changeset maxplatform:1.4-003-create-oauth-client-assertions rollbackSplitStatements:false
--comment: The jti of every client assertion accepted, kept until the assertion has expired: one assertion
--comment: authenticates once, on every server sharing this database (RFC 7523 §3, item 7).
--comment: Rollback loses: the used client assertions (an assertion still inside its lifetime could be replayed once).
CREATE TABLE oauth_client_assertions (
    client_id  varchar(100) NOT NULL,
    jti        varchar(200) NOT NULL,
    expires_at timestamptz  NOT NULL,
    CONSTRAINT pk_oauth_client_assertions PRIMARY KEY (client_id, jti)
);
CREATE INDEX ix_oauth_client_assertions_expires_at ON oauth_client_assertions (expires_at);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.4-003-create-oauth-client-assertions refused: it loses '
--rollback             || 'the used client assertions (an assertion still inside its lifetime could be replayed once). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_client_assertions;

--changeset maxplatform:1.4-004-oauth-audit-logs-audience rollbackSplitStatements:false
--comment: The audience (aud) of an issued token, space-separated.
--comment: Rollback loses: the audience of every audit row.
ALTER TABLE oauth_audit_logs ADD COLUMN audience text;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.4-004-oauth-audit-logs-audience refused: it loses '
--rollback             || 'the audience of every audit row. '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback ALTER TABLE oauth_audit_logs DROP COLUMN audience;
