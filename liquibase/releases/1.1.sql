--liquibase formatted sql

-- Release 1.1: hardening.

--changeset maxplatform:1.1-001-seed-introspect-tokens-scope
--comment: RFC 7662 §4: introspection answers about a token to its own client, and to resource servers
--comment: allowed this scope; anyone else learns only {"active":false}.
INSERT INTO oauth_scopes (scope, description, category) VALUES
    ('introspect:tokens', 'Introspect any client''s access tokens (for resource servers)', 'service');
--rollback DELETE FROM oauth_scopes WHERE scope = 'introspect:tokens';
