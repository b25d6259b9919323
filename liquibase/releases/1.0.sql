--liquibase formatted sql

-- Release 1.0: the service-token server's first schema. Table and column names follow the original
-- guide, so its SQL runs against this schema unchanged.

--changeset maxplatform:1.0-001-create-oauth-scopes rollbackSplitStatements:false
--comment: The scope registry: what a client may be allowed.
--comment: Rollback loses: every scope (the table oauth_scopes is dropped).
CREATE TABLE oauth_scopes (
    scope       varchar(100) NOT NULL,
    description text         NOT NULL,
    category    varchar(20)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_oauth_scopes PRIMARY KEY (scope),
    CONSTRAINT ck_oauth_scopes_category CHECK (category IN ('service', 'general'))
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-001-create-oauth-scopes refused: it loses '
--rollback             || 'every scope (the table oauth_scopes is dropped). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_scopes;

--changeset maxplatform:1.0-002-seed-oauth-scopes
--comment: The guide's service scopes and general scopes.
INSERT INTO oauth_scopes (scope, description, category) VALUES
    ('admin:oauth',   'OAuth administration: clients, tokens, sessions', 'service'),
    ('admin:users',   'User administration: accounts and permissions', 'service'),
    ('admin:system',  'System administration: settings and configuration', 'service'),
    ('admin:full',    'Full administration: every admin:* permission', 'service'),
    ('read:profile',  'Read user profiles', 'general'),
    ('read:features', 'Read the feature list', 'general'),
    ('read:groups',   'Read group information', 'general'),
    ('manage:*',      'Manage resources: allows any manage:<resource> scope', 'general');
--rollback DELETE FROM oauth_scopes WHERE scope IN ('admin:oauth', 'admin:users', 'admin:system', 'admin:full', 'read:profile', 'read:features', 'read:groups', 'manage:*');

--changeset maxplatform:1.0-003-create-oauth-clients rollbackSplitStatements:false
--comment: Registered clients. A service client has no redirect URIs. The secret is stored only as a hash.
--comment: Rollback loses: every client (the table oauth_clients is dropped).
CREATE TABLE oauth_clients (
    client_id              varchar(100) NOT NULL,
    client_name            varchar(200) NOT NULL,
    client_secret_hash     varchar(200) NOT NULL,
    redirect_uris          text[]       NOT NULL DEFAULT '{}',
    grant_types            text[]       NOT NULL DEFAULT '{client_credentials}',
    allowed_scopes         text[]       NOT NULL DEFAULT '{}',
    default_scopes         text[]       NOT NULL DEFAULT '{}',
    token_lifetime_seconds integer,
    is_active              boolean      NOT NULL DEFAULT true,
    is_confidential        boolean      NOT NULL DEFAULT true,
    version                bigint       NOT NULL DEFAULT 0,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now(),
    secret_rotated_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_oauth_clients PRIMARY KEY (client_id),
    CONSTRAINT ck_oauth_clients_token_lifetime CHECK (token_lifetime_seconds IS NULL OR token_lifetime_seconds > 0)
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-003-create-oauth-clients refused: it loses '
--rollback             || 'every client (the table oauth_clients is dropped). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_clients;

--changeset maxplatform:1.0-004-create-oauth-audit-logs rollbackSplitStatements:false
--comment: Every token issued or refused and every admin call. reason keeps what the client is not told.
--comment: Rollback loses: the audit trail (the table oauth_audit_logs is dropped).
CREATE TABLE oauth_audit_logs (
    id             bigint GENERATED ALWAYS AS IDENTITY,
    action         varchar(50)  NOT NULL,
    client_id      varchar(200),
    success        boolean      NOT NULL,
    error_code     varchar(50),
    reason         varchar(100),
    detail         text,
    target         varchar(200),
    scope          text,
    token_id       varchar(64),
    source_address varchar(64),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_oauth_audit_logs PRIMARY KEY (id)
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-004-create-oauth-audit-logs refused: it loses '
--rollback             || 'the audit trail (the table oauth_audit_logs is dropped). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_audit_logs;

--changeset maxplatform:1.0-005-index-oauth-audit-logs-created-at
--comment: The audit trail by time: the guide's queries and the audit list read newest first.
CREATE INDEX ix_oauth_audit_logs_created_at ON oauth_audit_logs (created_at);
--rollback DROP INDEX ix_oauth_audit_logs_created_at;

--changeset maxplatform:1.0-006-index-oauth-audit-logs-client-id
--comment: One client's audit rows by time (the audit list's client filter).
CREATE INDEX ix_oauth_audit_logs_client_id_created_at ON oauth_audit_logs (client_id, created_at);
--rollback DROP INDEX ix_oauth_audit_logs_client_id_created_at;

--changeset maxplatform:1.0-007-create-oauth-signing-keys rollbackSplitStatements:false
--comment: Token-signing key pairs; the private key is AES-256-GCM encrypted under a key derived from SECRET_KEY.
--comment: Rollback loses: every signing key (the table oauth_signing_keys is dropped).
CREATE TABLE oauth_signing_keys (
    kid                   varchar(64) NOT NULL,
    algorithm             varchar(10) NOT NULL,
    public_jwk            text        NOT NULL,
    private_key_encrypted text        NOT NULL,
    is_active             boolean     NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    retired_at            timestamptz,
    CONSTRAINT pk_oauth_signing_keys PRIMARY KEY (kid),
    CONSTRAINT ck_oauth_signing_keys_algorithm CHECK (algorithm IN ('RS256', 'ES256'))
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-007-create-oauth-signing-keys refused: it loses '
--rollback             || 'every signing key (the table oauth_signing_keys is dropped). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_signing_keys;

--changeset maxplatform:1.0-008-unique-active-signing-key
--comment: At most one active key, so nodes starting together on an empty database cannot both create one.
CREATE UNIQUE INDEX uq_oauth_signing_keys_active ON oauth_signing_keys (is_active) WHERE is_active;
--rollback DROP INDEX uq_oauth_signing_keys_active;

--changeset maxplatform:1.0-009-add-oauth-clients-deleted-at rollbackSplitStatements:false
--comment: A deleted client keeps its row (and so its id, which is never reused), inactive, hidden from the API.
--comment: Rollback loses: oauth_clients.deleted_at (deleted clients come back as deactivated clients).
ALTER TABLE oauth_clients ADD COLUMN deleted_at timestamptz;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-009-add-oauth-clients-deleted-at refused: it loses '
--rollback             || 'oauth_clients.deleted_at (deleted clients come back as deactivated clients). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback ALTER TABLE oauth_clients DROP COLUMN deleted_at;

--changeset maxplatform:1.0-010-index-oauth-audit-logs-action
--comment: One action's audit rows by time (the audit list's action filter, the guide's usage query).
CREATE INDEX ix_oauth_audit_logs_action_created_at ON oauth_audit_logs (action, created_at);
--rollback DROP INDEX ix_oauth_audit_logs_action_created_at;

--changeset maxplatform:1.0-011-create-oauth-revoked-tokens rollbackSplitStatements:false
--comment: Tokens revoked before expiry (RFC 7009); a row is needed only until the token would have expired.
--comment: Rollback loses: every revocation (the table oauth_revoked_tokens is dropped; revoked tokens that have not expired become valid again).
CREATE TABLE oauth_revoked_tokens (
    token_id   varchar(64)  NOT NULL,
    client_id  varchar(100) NOT NULL,
    expires_at timestamptz  NOT NULL,
    revoked_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT pk_oauth_revoked_tokens PRIMARY KEY (token_id)
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.0-011-create-oauth-revoked-tokens refused: it loses '
--rollback             || 'every revocation (the table oauth_revoked_tokens is dropped; revoked tokens that have not expired become valid again). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_revoked_tokens;

--changeset maxplatform:1.0-012-index-oauth-revoked-tokens-expires-at
--comment: The clean-up removes revocations of tokens that have expired, oldest first.
CREATE INDEX ix_oauth_revoked_tokens_expires_at ON oauth_revoked_tokens (expires_at);
--rollback DROP INDEX ix_oauth_revoked_tokens_expires_at;
