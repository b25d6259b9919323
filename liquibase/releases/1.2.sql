--liquibase formatted sql

-- Release 1.2: tokens die with their client.

--changeset maxplatform:1.2-001-create-oauth-token-cutoffs rollbackSplitStatements:false
--comment: A client's tokens issued before not_before stop working (deactivation, deletion, secret rotation,
--comment: an administrator's revoke-all). scope '' means every token of the client; a scope name means the
--comment: tokens carrying that scope (it was removed from allowed_scopes). Kept in memory by each server.
--comment: Rollback loses: every token cut-off (tokens of deactivated, deleted or rotated clients that have not expired become valid again).
CREATE TABLE oauth_token_cutoffs (
    client_id  varchar(100) NOT NULL,
    scope      text         NOT NULL,
    not_before timestamptz  NOT NULL,
    CONSTRAINT pk_oauth_token_cutoffs PRIMARY KEY (client_id, scope)
);
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.2-001-create-oauth-token-cutoffs refused: it loses '
--rollback             || 'every token cut-off (tokens of deactivated, deleted or rotated clients that have not expired become valid again). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_token_cutoffs;
