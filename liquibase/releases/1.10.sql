--liquibase formatted sql

-- Release 1.10: services without secrets.
--  * Trust anchors: issuers whose signed identity tokens authenticate clients (an OpenID Connect issuer, a Kubernetes
--    cluster's service-account issuer, a SPIFFE trust domain), with where their keys come from.
--  * Federated clients (token_endpoint_auth_method federated_jwt): a client is the holder of one exact subject of one
--    anchor; one subject maps to at most one live client per anchor.
--  * private_key_jwt clients may name their keys by jwks_uri instead of registering them inline.

--changeset maxplatform:1.10-001-create-oauth-trust-anchors rollbackSplitStatements:false
--comment: One row per trusted issuer. Keys come from jwks (inline JWK Set or SPIFFE bundle), jwks_uri (a JWK Set or
--comment: SPIFFE bundle endpoint), or, with neither, the issuer's OpenID Connect discovery document.
--comment: Rollback loses: every trust anchor (its federated clients are dropped by 1.10-002's rollback first).
CREATE TABLE oauth_trust_anchors (
    name                           varchar(64)   NOT NULL,
    kind                           varchar(20)   NOT NULL,
    issuer                         varchar(500)  NOT NULL,
    jwks                           text,
    jwks_uri                       varchar(1000),
    ca_bundle                      text,
    max_assertion_lifetime_seconds integer       NOT NULL,
    audiences                      text[]        NOT NULL DEFAULT '{}',
    single_use                     boolean       NOT NULL,
    version                        bigint        NOT NULL DEFAULT 0,
    created_at                     timestamptz   NOT NULL DEFAULT now(),
    updated_at                     timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT pk_oauth_trust_anchors PRIMARY KEY (name),
    CONSTRAINT uq_oauth_trust_anchors_issuer UNIQUE (issuer),
    CONSTRAINT ck_oauth_trust_anchors_kind CHECK (kind IN ('oidc', 'kubernetes', 'spiffe')),
    CONSTRAINT ck_oauth_trust_anchors_keys CHECK (num_nonnulls(jwks, jwks_uri) <= 1
        AND (kind <> 'spiffe' OR num_nonnulls(jwks, jwks_uri) = 1)),
    CONSTRAINT ck_oauth_trust_anchors_lifetime CHECK (max_assertion_lifetime_seconds BETWEEN 60 AND 86400)
);
CREATE TRIGGER tg_oauth_trust_anchors_notify AFTER INSERT OR UPDATE OR DELETE ON oauth_trust_anchors
    FOR EACH ROW EXECUTE FUNCTION maxplatform_notify_change('name');
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted'
--rollback             AND EXISTS (SELECT 1 FROM oauth_trust_anchors) THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.10-001-create-oauth-trust-anchors refused: it loses '
--rollback             || 'every trust anchor. '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_trust_anchors;

--changeset maxplatform:1.10-002-oauth-clients-federated-and-jwks-uri rollbackSplitStatements:false
--comment: A federated_jwt client authenticates with an identity token of its trust anchor whose sub is exactly
--comment: federated_subject and whose other claims equal federated_claims (a JSON object); a private_key_jwt client
--comment: has jwks or jwks_uri, one of the two. The foreign key and the new check are added NOT VALID, under a brief
--comment: lock; 1.10-003 checks the existing rows without blocking writes.
--comment: Rollback loses: every federated_jwt client and every private_key_jwt client registered by jwks_uri (deleted,
--comment: with their secrets' history, assertions, cut-offs and revocations).
ALTER TABLE oauth_clients ADD COLUMN jwks_uri varchar(1000);
ALTER TABLE oauth_clients ADD COLUMN trust_anchor varchar(64);
ALTER TABLE oauth_clients ADD COLUMN federated_subject varchar(500);
ALTER TABLE oauth_clients ADD COLUMN federated_claims text;
ALTER TABLE oauth_clients ADD COLUMN default_account_allowed boolean NOT NULL DEFAULT false;
ALTER TABLE oauth_clients ADD CONSTRAINT fk_oauth_clients_trust_anchor
    FOREIGN KEY (trust_anchor) REFERENCES oauth_trust_anchors (name) NOT VALID;
ALTER TABLE oauth_clients DROP CONSTRAINT ck_oauth_clients_authentication;
ALTER TABLE oauth_clients ADD CONSTRAINT ck_oauth_clients_authentication CHECK (
    (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post') AND client_secret_hash IS NOT NULL
        AND num_nonnulls(jwks_uri, trust_anchor, federated_subject, federated_claims) = 0 AND NOT default_account_allowed)
    OR (token_endpoint_auth_method = 'private_key_jwt' AND num_nonnulls(jwks, jwks_uri) = 1
        AND num_nonnulls(trust_anchor, federated_subject, federated_claims) = 0 AND NOT default_account_allowed)
    OR (token_endpoint_auth_method = 'federated_jwt' AND trust_anchor IS NOT NULL AND federated_subject IS NOT NULL
        AND num_nonnulls(jwks, jwks_uri) = 0)) NOT VALID;
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted'
--rollback             AND EXISTS (SELECT 1 FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL) THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.10-002-oauth-clients-federated-and-jwks-uri refused: it loses '
--rollback             || 'every federated_jwt client and every private_key_jwt client registered by jwks_uri. '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DELETE FROM oauth_client_secrets WHERE client_id IN
--rollback     (SELECT client_id FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL);
--rollback DELETE FROM oauth_client_assertions WHERE client_id IN
--rollback     (SELECT client_id FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL);
--rollback DELETE FROM oauth_token_cutoffs WHERE client_id IN
--rollback     (SELECT client_id FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL);
--rollback DELETE FROM oauth_revoked_tokens WHERE client_id IN
--rollback     (SELECT client_id FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL);
--rollback DELETE FROM oauth_clients WHERE token_endpoint_auth_method = 'federated_jwt' OR jwks_uri IS NOT NULL;
--rollback ALTER TABLE oauth_clients DROP CONSTRAINT ck_oauth_clients_authentication;
--rollback ALTER TABLE oauth_clients ADD CONSTRAINT ck_oauth_clients_authentication CHECK (
--rollback     (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post') AND client_secret_hash IS NOT NULL)
--rollback     OR (token_endpoint_auth_method = 'private_key_jwt' AND jwks IS NOT NULL));
--rollback ALTER TABLE oauth_clients DROP CONSTRAINT fk_oauth_clients_trust_anchor;
--rollback ALTER TABLE oauth_clients DROP COLUMN default_account_allowed, DROP COLUMN federated_claims,
--rollback     DROP COLUMN federated_subject, DROP COLUMN trust_anchor, DROP COLUMN jwks_uri;

--changeset maxplatform:1.10-003-oauth-clients-federated-validate
--comment: SHARE UPDATE EXCLUSIVE on oauth_clients (and ROW SHARE on oauth_trust_anchors): clients are read and written
--comment: meanwhile. Fails, naming the constraint, if a row breaks the new check (none the server wrote can).
ALTER TABLE oauth_clients VALIDATE CONSTRAINT fk_oauth_clients_trust_anchor;
ALTER TABLE oauth_clients VALIDATE CONSTRAINT ck_oauth_clients_authentication;
--rollback SELECT 1;

--changeset maxplatform:1.10-004-index-oauth-clients-federated-subject runInTransaction:false
--comment: One live client per subject of an anchor. Built CONCURRENTLY: clients are registered and changed meanwhile.
CREATE UNIQUE INDEX CONCURRENTLY uq_oauth_clients_federated_subject ON oauth_clients (trust_anchor, federated_subject)
    WHERE deleted_at IS NULL;
--rollback DROP INDEX CONCURRENTLY uq_oauth_clients_federated_subject;
