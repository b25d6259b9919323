--liquibase formatted sql

-- Release 1.2: tokens die with their client.

--changeset maxplatform:1.2-001-create-oauth-token-cutoffs
--comment: A client's tokens issued before not_before stop working (deactivation, deletion, secret rotation,
--comment: an administrator's revoke-all). scope '' means every token of the client; a scope name means the
--comment: tokens carrying that scope (it was removed from allowed_scopes). Kept in memory by each server.
CREATE TABLE oauth_token_cutoffs (
    client_id  varchar(100) NOT NULL,
    scope      text         NOT NULL,
    not_before timestamptz  NOT NULL,
    CONSTRAINT pk_oauth_token_cutoffs PRIMARY KEY (client_id, scope)
);
--rollback DROP TABLE oauth_token_cutoffs;
