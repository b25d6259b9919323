--liquibase formatted sql

-- Release 1.6: failed client authentications counted for all instances on one database, so that "20 per client
-- and address per minute" means 20 in total, however many instances the load balancer spreads them over.

--changeset maxplatform:1.6-001-failed-authentications rollbackSplitStatements:false
--comment: One row per client id (or '' for the address as a whole), source address and minute of the database's
--comment: clock. Only failures write here; a successful authentication never reads or waits on this table.
--comment: Rollback loses: the failed-authentication counts of this minute (the throttle starts again from zero).
CREATE TABLE oauth_failed_authentications (
    id             bigserial    PRIMARY KEY,
    client_id      varchar(100) NOT NULL,
    source_address varchar(64)  NOT NULL,
    window_start   timestamptz  NOT NULL,
    failures       integer      NOT NULL CHECK (failures > 0),
    CONSTRAINT uq_oauth_failed_authentications UNIQUE (client_id, source_address, window_start)
);
CREATE INDEX idx_oauth_failed_authentications_window ON oauth_failed_authentications (window_start);
COMMENT ON TABLE oauth_failed_authentications IS 'Failed client authentications per minute; client_id '''' counts the address as a whole, ''*'' ids no client can have';
--rollback DO $$ BEGIN
--rollback     IF current_setting('maxplatform.rollback_loses_data', true) IS DISTINCT FROM 'accepted' THEN
--rollback         RAISE EXCEPTION USING MESSAGE = 'Rollback of 1.6-001-failed-authentications refused: it loses '
--rollback             || 'the failed-authentication counts of this minute (the throttle starts again from zero). '
--rollback             || 'To accept the loss, roll back with maxplatform.rollback_loses_data = accepted in the session '
--rollback             || '(JDBC URL option options=-c%20maxplatform.rollback_loses_data=accepted).';
--rollback     END IF;
--rollback END $$;
--rollback DROP TABLE oauth_failed_authentications;
