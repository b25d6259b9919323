--liquibase formatted sql

-- Release 1.7: the audit trail at any size.
--  * oauth_audit_logs becomes a table partitioned by day (UTC) on created_at. The parent keeps the table's name and
--    columns, so the guide's SQL runs unchanged and a filter on created_at reads only the days it names.
--  * Rollups count the rows per hour (and per day) in the same transaction as the rows themselves, through statement
--    triggers on the parent: /statistics reads them, never the raw rows.
--  * Retention drops (or detaches) a whole day's partition and its rollup rows in one transaction.
-- The existing table is not rewritten: it is checked, indexed concurrently, and attached as the partition of
-- everything before the day after tomorrow (oauth_audit_logs_before_1_7), under an ACCESS EXCLUSIVE lock held for
-- the renames alone. An empty table (a new installation) is dropped instead.
-- Partition maintenance runs one instance at a time under the advisory lock 0x6d61787061 ("maxpa").

--changeset maxplatform:1.7-001-audit-hourly-counts
--comment: Audit rows per UTC hour, action and outcome; per client for successes (a refused row's client id is whatever
--comment: a stranger sent, so refusals are counted per error and reason instead). Maintained by oauth_audit_count_rows().
--comment: Rollback drops this rollup, unguarded: applying release 1.7 again counts it anew from the audit rows (kept, it would count them twice).
CREATE TABLE oauth_audit_hourly_counts (
    hour       timestamptz  NOT NULL,
    action     varchar(50)  NOT NULL,
    success    boolean      NOT NULL,
    client_id  varchar(200) NOT NULL,
    error_code varchar(50)  NOT NULL,
    reason     varchar(100) NOT NULL,
    events     bigint       NOT NULL,
    CONSTRAINT pk_oauth_audit_hourly_counts PRIMARY KEY (hour, action, success, client_id, error_code, reason)
);
COMMENT ON TABLE oauth_audit_hourly_counts IS 'Audit rows per UTC hour; client_id, error_code and reason are '''' where the row has none (client_id is '''' for every refusal)';
--rollback DROP TABLE oauth_audit_hourly_counts;

--changeset maxplatform:1.7-002-audit-hourly-scopes
--comment: Scopes granted in issued tokens per UTC hour, for the statistics' top scopes.
--comment: Rollback drops this rollup, unguarded: applying release 1.7 again counts it anew from the audit rows (kept, it would count them twice).
CREATE TABLE oauth_audit_hourly_scopes (
    hour   timestamptz NOT NULL,
    scope  text        NOT NULL,
    tokens bigint      NOT NULL,
    CONSTRAINT pk_oauth_audit_hourly_scopes PRIMARY KEY (hour, scope)
);
--rollback DROP TABLE oauth_audit_hourly_scopes;

--changeset maxplatform:1.7-003-audit-daily-counts
--comment: Audit rows per UTC day, action and outcome: the all-time figures read a few rows a day, not one per client an hour.
--comment: Rollback drops this rollup, unguarded: applying release 1.7 again counts it anew from the audit rows (kept, it would count them twice).
CREATE TABLE oauth_audit_daily_counts (
    day     date        NOT NULL,
    action  varchar(50) NOT NULL,
    success boolean     NOT NULL,
    events  bigint      NOT NULL,
    CONSTRAINT pk_oauth_audit_daily_counts PRIMARY KEY (day, action, success)
);
--rollback DROP TABLE oauth_audit_daily_counts;

--changeset maxplatform:1.7-004-audit-count-rows-function splitStatements:false
--comment: The rollups' trigger function, for statement triggers on oauth_audit_logs whose transition table is named
--comment: changed_rows: an INSERT adds its rows, a DELETE through the parent subtracts them. One upsert per table and
--comment: statement (the group commit inserts a whole batch in one statement), in key order so that concurrent
--comment: writers lock rollup rows in the same order and cannot deadlock.
CREATE FUNCTION oauth_audit_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign bigint := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
    INSERT INTO oauth_audit_hourly_counts AS c (hour, action, success, client_id, error_code, reason, events)
    SELECT date_trunc('hour', created_at, 'UTC'), action, success,
           CASE WHEN success THEN COALESCE(client_id, '') ELSE '' END, COALESCE(error_code, ''), COALESCE(reason, ''),
           sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (hour, action, success, client_id, error_code, reason) DO UPDATE SET events = c.events + EXCLUDED.events;

    INSERT INTO oauth_audit_hourly_scopes AS c (hour, scope, tokens)
    SELECT date_trunc('hour', created_at, 'UTC'), granted.scope, sign * count(*)
    FROM changed_rows CROSS JOIN LATERAL unnest(string_to_array(changed_rows.scope, ' ')) AS granted(scope)
    WHERE action = 'token_issued' AND success AND granted.scope <> ''
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (hour, scope) DO UPDATE SET tokens = c.tokens + EXCLUDED.tokens;

    INSERT INTO oauth_audit_daily_counts AS c (day, action, success, events)
    SELECT (created_at AT TIME ZONE 'UTC')::date, action, success, sign * count(*)
    FROM changed_rows
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (day, action, success) DO UPDATE SET events = c.events + EXCLUDED.events;
    RETURN NULL;
END $$;
--rollback DROP FUNCTION oauth_audit_count_rows();

--changeset maxplatform:1.7-005-audit-count-before-1-7-function splitStatements:false
--comment: Adds (sign 1) or subtracts (sign -1) the rows oauth_audit_logs_before_1_7 held before the swap (ids below
--comment: the new sequence's start) to one rollup: the backfill of 1.7-016 to 018 and their rollback. Nothing when
--comment: that table does not exist (a new installation). The aggregate is complete before the first rollup row is
--comment: locked (GROUP BY and ORDER BY read every row first).
CREATE FUNCTION oauth_audit_count_before_1_7(rollup text, sign bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first_new_id bigint := (SELECT start_value FROM pg_sequences
                            WHERE schemaname = current_schema() AND sequencename = 'oauth_audit_logs_id_seq');
BEGIN
    IF to_regclass('oauth_audit_logs_before_1_7') IS NULL THEN
        RETURN;
    ELSIF rollup = 'oauth_audit_hourly_counts' THEN
        INSERT INTO oauth_audit_hourly_counts AS c (hour, action, success, client_id, error_code, reason, events)
        SELECT date_trunc('hour', created_at, 'UTC'), action, success,
               CASE WHEN success THEN COALESCE(client_id, '') ELSE '' END, COALESCE(error_code, ''), COALESCE(reason, ''),
               sign * count(*)
        FROM oauth_audit_logs_before_1_7 WHERE id < first_new_id
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (hour, action, success, client_id, error_code, reason) DO UPDATE SET events = c.events + EXCLUDED.events;
    ELSIF rollup = 'oauth_audit_hourly_scopes' THEN
        INSERT INTO oauth_audit_hourly_scopes AS c (hour, scope, tokens)
        SELECT date_trunc('hour', created_at, 'UTC'), granted.scope, sign * count(*)
        FROM oauth_audit_logs_before_1_7 a CROSS JOIN LATERAL unnest(string_to_array(a.scope, ' ')) AS granted(scope)
        WHERE id < first_new_id AND action = 'token_issued' AND success AND granted.scope <> ''
        GROUP BY 1, 2
        ORDER BY 1, 2
        ON CONFLICT (hour, scope) DO UPDATE SET tokens = c.tokens + EXCLUDED.tokens;
    ELSIF rollup = 'oauth_audit_daily_counts' THEN
        INSERT INTO oauth_audit_daily_counts AS c (day, action, success, events)
        SELECT (created_at AT TIME ZONE 'UTC')::date, action, success, sign * count(*)
        FROM oauth_audit_logs_before_1_7 WHERE id < first_new_id
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        ON CONFLICT (day, action, success) DO UPDATE SET events = c.events + EXCLUDED.events;
    ELSE
        RAISE EXCEPTION 'Unknown rollup %', rollup;
    END IF;
END $$;
--rollback DROP FUNCTION oauth_audit_count_before_1_7(text, bigint);

--changeset maxplatform:1.7-006-audit-logs-unpartition-function splitStatements:false
--comment: The rollback of 1.7-015: one unpartitioned oauth_audit_logs again, holding every row, also those written
--comment: since the upgrade (so the rollback loses no audit row), with the identity, indexes and check of before.
CREATE FUNCTION oauth_audit_logs_unpartition() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    next_id bigint := (SELECT last_value + 1 FROM oauth_audit_logs_id_seq);
BEGIN
    SET LOCAL lock_timeout = '5s';
    LOCK TABLE oauth_audit_logs IN ACCESS EXCLUSIVE MODE;
    IF to_regclass('oauth_audit_logs_before_1_7') IS NULL THEN
        CREATE TABLE oauth_audit_logs_before_1_7 (LIKE oauth_audit_logs INCLUDING DEFAULTS);
        ALTER TABLE oauth_audit_logs_before_1_7 ADD CONSTRAINT pk_oauth_audit_logs_before_1_7 PRIMARY KEY (id);
        ALTER TABLE oauth_audit_logs_before_1_7 ALTER COLUMN id DROP DEFAULT;
        ALTER TABLE oauth_audit_logs_before_1_7 ADD CONSTRAINT ck_oauth_audit_logs_before_1_7 CHECK (created_at < 'infinity') NOT VALID;
    ELSE
        ALTER TABLE oauth_audit_logs DETACH PARTITION oauth_audit_logs_before_1_7;
        ALTER TABLE oauth_audit_logs_before_1_7 DROP CONSTRAINT uq_oauth_audit_logs_before_1_7_created_at_id;
    END IF;
    -- Every row written since the upgrade goes back into the one table: the rollback loses no audit row.
    ALTER TABLE oauth_audit_logs_before_1_7 DROP CONSTRAINT ck_oauth_audit_logs_before_1_7;
    INSERT INTO oauth_audit_logs_before_1_7 (id, action, client_id, success, error_code, reason, detail, target, scope,
                                             token_id, source_address, created_at, audience)
    SELECT id, action, client_id, success, error_code, reason, detail, target, scope, token_id, source_address, created_at, audience
    FROM oauth_audit_logs WHERE tableoid <> 'oauth_audit_logs_before_1_7'::regclass;
    DROP TABLE oauth_audit_logs;
    ALTER TABLE oauth_audit_logs_before_1_7 RENAME TO oauth_audit_logs;
    ALTER TABLE oauth_audit_logs RENAME CONSTRAINT pk_oauth_audit_logs_before_1_7 TO pk_oauth_audit_logs;
    EXECUTE format('ALTER TABLE oauth_audit_logs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START %s)', next_id);
    ALTER TABLE oauth_audit_logs ADD CONSTRAINT ck_oauth_audit_logs_before_1_7 CHECK (created_at < 'infinity') NOT VALID;
    CREATE INDEX ix_oauth_audit_logs_created_at ON oauth_audit_logs (created_at);
    CREATE INDEX ix_oauth_audit_logs_client_id_created_at ON oauth_audit_logs (client_id, created_at);
    CREATE INDEX ix_oauth_audit_logs_action_created_at ON oauth_audit_logs (action, created_at);
    CREATE UNIQUE INDEX uq_oauth_audit_logs_before_1_7_created_at_id ON oauth_audit_logs (created_at, id);
END $$;
--rollback DROP FUNCTION oauth_audit_logs_unpartition();

--changeset maxplatform:1.7-007-audit-logs-range-check splitStatements:false
--comment: Proves that every row of the existing table is older than the day after tomorrow (UTC), or than the day after
--comment: its newest row if a clock wrote one later, so that attaching it as that range's partition needs no scan under
--comment: lock. NOT VALID: added at once, checked by the next changeset.
DO $$
BEGIN
    SET LOCAL lock_timeout = '5s';
    EXECUTE format('ALTER TABLE oauth_audit_logs ADD CONSTRAINT ck_oauth_audit_logs_before_1_7 CHECK (created_at < %L) NOT VALID',
                   GREATEST(date_trunc('day', now(), 'UTC') + interval '2 days',
                            date_trunc('day', (SELECT max(created_at) FROM oauth_audit_logs), 'UTC') + interval '1 day'));
END $$;
--rollback ALTER TABLE oauth_audit_logs DROP CONSTRAINT ck_oauth_audit_logs_before_1_7;

--changeset maxplatform:1.7-008-audit-logs-range-check-validate
--comment: Reads the whole table under SHARE UPDATE EXCLUSIVE: rows are written and read meanwhile.
ALTER TABLE oauth_audit_logs VALIDATE CONSTRAINT ck_oauth_audit_logs_before_1_7;
--rollback SELECT 1;

--changeset maxplatform:1.7-009-audit-logs-before-1-7-created-at-id runInTransaction:false
--comment: The indexes the partitioned table will have, built on the existing table without blocking writes.
DROP INDEX CONCURRENTLY IF EXISTS uq_oauth_audit_logs_before_1_7_created_at_id;
CREATE UNIQUE INDEX CONCURRENTLY uq_oauth_audit_logs_before_1_7_created_at_id ON oauth_audit_logs (created_at, id);
--rollback DROP INDEX IF EXISTS uq_oauth_audit_logs_before_1_7_created_at_id;

--changeset maxplatform:1.7-010-audit-logs-before-1-7-client-id runInTransaction:false
--comment: As 1.0-006, ending with id for keyset paging; built concurrently, writes go on.
DROP INDEX CONCURRENTLY IF EXISTS ix_oauth_audit_logs_before_1_7_client_id;
CREATE INDEX CONCURRENTLY ix_oauth_audit_logs_before_1_7_client_id ON oauth_audit_logs (client_id, created_at, id);
--rollback DROP INDEX IF EXISTS ix_oauth_audit_logs_before_1_7_client_id;

--changeset maxplatform:1.7-011-audit-logs-before-1-7-action runInTransaction:false
--comment: As 1.0-010, ending with id for keyset paging; built concurrently, writes go on.
DROP INDEX CONCURRENTLY IF EXISTS ix_oauth_audit_logs_before_1_7_action;
CREATE INDEX CONCURRENTLY ix_oauth_audit_logs_before_1_7_action ON oauth_audit_logs (action, created_at, id);
--rollback DROP INDEX IF EXISTS ix_oauth_audit_logs_before_1_7_action;

--changeset maxplatform:1.7-012-audit-logs-before-1-7-refusals runInTransaction:false
--comment: Refused requests by time, for the audit list's outcome filter; built concurrently, writes go on.
DROP INDEX CONCURRENTLY IF EXISTS ix_oauth_audit_logs_before_1_7_refusals;
CREATE INDEX CONCURRENTLY ix_oauth_audit_logs_before_1_7_refusals ON oauth_audit_logs (created_at, id) WHERE NOT success;
--rollback DROP INDEX IF EXISTS ix_oauth_audit_logs_before_1_7_refusals;

--changeset maxplatform:1.7-013-audit-logs-before-1-7-client-id-action runInTransaction:false
--comment: One client's calls of one kind (its introspections, its refused token requests): without it the list reads
--comment: every row of the client to find a kind it rarely or never has (measured: past 3 s at 30 million rows).
DROP INDEX CONCURRENTLY IF EXISTS ix_oauth_audit_logs_before_1_7_client_id_action;
CREATE INDEX CONCURRENTLY ix_oauth_audit_logs_before_1_7_client_id_action ON oauth_audit_logs (client_id, action, created_at, id);
--rollback DROP INDEX IF EXISTS ix_oauth_audit_logs_before_1_7_client_id_action;

--changeset maxplatform:1.7-014-audit-logs-before-1-7-client-refusals runInTransaction:false
--comment: One client's refusals (success=false): a few percent of its rows.
DROP INDEX CONCURRENTLY IF EXISTS ix_oauth_audit_logs_before_1_7_client_refusals;
CREATE INDEX CONCURRENTLY ix_oauth_audit_logs_before_1_7_client_refusals ON oauth_audit_logs (client_id, created_at, id) WHERE NOT success;
--rollback DROP INDEX IF EXISTS ix_oauth_audit_logs_before_1_7_client_refusals;

--changeset maxplatform:1.7-015-partition-audit-logs splitStatements:false
--comment: The swap, in one transaction: the existing table is renamed and becomes the partition of everything before
--comment: the checked bound (dropped instead when it has no row), a partitioned oauth_audit_logs takes its place with a
--comment: default partition as the safety net for a day that has no partition yet, and the rollups' triggers. The ids
--comment: go on from the old table's: the new sequence starts past every id it gave (1.7-005 reads that start back).
--comment: Identity columns cannot be partition keys' companions before PostgreSQL 17, hence a sequence.
DO $$
DECLARE
    bound timestamptz;
    next_id bigint;
BEGIN
    SET LOCAL lock_timeout = '5s';
    LOCK TABLE oauth_audit_logs IN ACCESS EXCLUSIVE MODE;
    SELECT (regexp_match(pg_get_constraintdef(oid), '''([^'']+)'''))[1]::timestamptz INTO STRICT bound
    FROM pg_constraint WHERE conrelid = 'oauth_audit_logs'::regclass AND conname = 'ck_oauth_audit_logs_before_1_7';
    EXECUTE format('SELECT GREATEST((SELECT max(id) FROM oauth_audit_logs), (SELECT last_value FROM %s)) + 1',
                   pg_get_serial_sequence('oauth_audit_logs', 'id')) INTO STRICT next_id;

    ALTER TABLE oauth_audit_logs RENAME TO oauth_audit_logs_before_1_7;
    ALTER TABLE oauth_audit_logs_before_1_7 ALTER COLUMN id DROP IDENTITY;
    ALTER TABLE oauth_audit_logs_before_1_7 RENAME CONSTRAINT pk_oauth_audit_logs TO pk_oauth_audit_logs_before_1_7;
    ALTER TABLE oauth_audit_logs_before_1_7
        ADD CONSTRAINT uq_oauth_audit_logs_before_1_7_created_at_id UNIQUE USING INDEX uq_oauth_audit_logs_before_1_7_created_at_id;
    -- Superseded by the indexes of 1.7-009 to 014, which end with id for keyset paging.
    DROP INDEX ix_oauth_audit_logs_created_at, ix_oauth_audit_logs_client_id_created_at, ix_oauth_audit_logs_action_created_at;

    EXECUTE format('CREATE SEQUENCE oauth_audit_logs_id_seq START %s', next_id);
    CREATE TABLE oauth_audit_logs (
        id             bigint       NOT NULL DEFAULT nextval('oauth_audit_logs_id_seq'),
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
        audience       text,
        CONSTRAINT pk_oauth_audit_logs PRIMARY KEY (created_at, id)
    ) PARTITION BY RANGE (created_at);
    ALTER SEQUENCE oauth_audit_logs_id_seq OWNED BY oauth_audit_logs.id;
    COMMENT ON TABLE oauth_audit_logs IS 'Every token issued or refused and every admin call; partitioned by UTC day on created_at';
    CREATE INDEX ix_oauth_audit_logs_client_id ON oauth_audit_logs (client_id, created_at, id);
    CREATE INDEX ix_oauth_audit_logs_action ON oauth_audit_logs (action, created_at, id);
    CREATE INDEX ix_oauth_audit_logs_refusals ON oauth_audit_logs (created_at, id) WHERE NOT success;
    CREATE INDEX ix_oauth_audit_logs_client_id_action ON oauth_audit_logs (client_id, action, created_at, id);
    CREATE INDEX ix_oauth_audit_logs_client_refusals ON oauth_audit_logs (client_id, created_at, id) WHERE NOT success;
    CREATE TABLE oauth_audit_logs_default PARTITION OF oauth_audit_logs DEFAULT;
    COMMENT ON TABLE oauth_audit_logs_default IS 'Rows of a day that had no partition yet; moved into the day''s partition when it is created';

    IF EXISTS (SELECT 1 FROM oauth_audit_logs_before_1_7) THEN
        EXECUTE format('ALTER TABLE oauth_audit_logs ATTACH PARTITION oauth_audit_logs_before_1_7 FOR VALUES FROM (MINVALUE) TO (%L)', bound);
    ELSE
        DROP TABLE oauth_audit_logs_before_1_7;
    END IF;

    CREATE TRIGGER tg_oauth_audit_logs_count_inserts AFTER INSERT ON oauth_audit_logs
        REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oauth_audit_count_rows();
    CREATE TRIGGER tg_oauth_audit_logs_count_deletes AFTER DELETE ON oauth_audit_logs
        REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION oauth_audit_count_rows();
END $$;
--rollback SELECT oauth_audit_logs_unpartition();

--changeset maxplatform:1.7-016-backfill-audit-hourly-counts
--comment: Counts the rows the attached table held before the swap; rows written since were counted by the trigger. Each
--comment: rollup in its own transaction, so a live writer waits at most for the upsert of one rollup's aggregate.
SELECT oauth_audit_count_before_1_7('oauth_audit_hourly_counts', 1);
--rollback SELECT oauth_audit_count_before_1_7('oauth_audit_hourly_counts', -1);

--changeset maxplatform:1.7-017-backfill-audit-hourly-scopes
--comment: The scopes granted before the upgrade, into their hourly rollup (see 1.7-005).
SELECT oauth_audit_count_before_1_7('oauth_audit_hourly_scopes', 1);
--rollback SELECT oauth_audit_count_before_1_7('oauth_audit_hourly_scopes', -1);

--changeset maxplatform:1.7-018-backfill-audit-daily-counts
--comment: The rows written before the upgrade, into the daily rollup (see 1.7-005).
SELECT oauth_audit_count_before_1_7('oauth_audit_daily_counts', 1);
--rollback SELECT oauth_audit_count_before_1_7('oauth_audit_daily_counts', -1);

--changeset maxplatform:1.7-019-audit-partitions-function splitStatements:false
--comment: The partitions of oauth_audit_logs (the default partition aside) with their bounds; NULL for MINVALUE/MAXVALUE.
CREATE FUNCTION oauth_audit_partitions() RETURNS TABLE (partition_name text, starts timestamptz, ends timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT c.relname::text, NULLIF(b[1], 'MINVALUE')::timestamptz, NULLIF(b[2], 'MAXVALUE')::timestamptz
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''?([^'')]*)''?\) TO \(''?([^'')]*)''?\)') AS b
    WHERE i.inhparent = 'oauth_audit_logs'::regclass AND b IS NOT NULL
    ORDER BY 2 NULLS FIRST
$$;
--rollback DROP FUNCTION oauth_audit_partitions();

--changeset maxplatform:1.7-020-audit-add-partitions-function splitStatements:false
--comment: Creates the partitions of today and the next days_ahead days (UTC), and of every day the default partition
--comment: holds rows for (moving those rows in), skipping days another partition covers. Idempotent; one instance at a
--comment: time. Each partition is created apart and then attached: ATTACH takes SHARE UPDATE EXCLUSIVE on the parent,
--comment: which lets rows be written and read meanwhile (CREATE TABLE ... PARTITION OF would take ACCESS EXCLUSIVE).
CREATE FUNCTION oauth_audit_add_partitions(days_ahead integer) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
    day date;
    day_start timestamptz;
    day_end timestamptz;
    name text;
BEGIN
    PERFORM pg_advisory_xact_lock(x'6d61787061'::bigint);
    SET LOCAL lock_timeout = '2s';
    FOR day IN
        SELECT generated::date FROM generate_series(today, today + days_ahead, interval '1 day') AS generated
        UNION
        SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM oauth_audit_logs_default
        ORDER BY 1
    LOOP
        day_start := day::timestamp AT TIME ZONE 'UTC';
        day_end := day_start + interval '1 day';
        CONTINUE WHEN EXISTS (SELECT 1 FROM oauth_audit_partitions() p
                              WHERE (p.starts IS NULL OR p.starts < day_end) AND (p.ends IS NULL OR p.ends > day_start));
        name := 'oauth_audit_logs_' || to_char(day, 'YYYYMMDD');
        EXECUTE format('CREATE TABLE %I (LIKE oauth_audit_logs)', name);
        EXECUTE format('WITH moved AS (DELETE FROM oauth_audit_logs_default WHERE created_at >= $1 AND created_at < $2 RETURNING *)'
                       ' INSERT INTO %I SELECT * FROM moved', name) USING day_start, day_end;
        EXECUTE format('ALTER TABLE oauth_audit_logs ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, day_start, day_end);
        RETURN NEXT name;
    END LOOP;
END $$;
--rollback DROP FUNCTION oauth_audit_add_partitions(integer);

--changeset maxplatform:1.7-021-audit-retire-partitions-function splitStatements:false
--comment: Drops (or, for a DBA to archive, detaches) every partition whose rows are all older than keep_from, and
--comment: removes their rollup rows in the same transaction, so the statistics always equal the rows kept. A detached
--comment: partition keeps its name and is no longer read by the server. One instance at a time.
CREATE FUNCTION oauth_audit_retire_partitions(keep_from timestamptz, detach boolean) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    p record;
BEGIN
    PERFORM pg_advisory_xact_lock(x'6d61787061'::bigint);
    SET LOCAL lock_timeout = '1s';
    FOR p IN SELECT * FROM oauth_audit_partitions() WHERE ends <= keep_from ORDER BY ends LOOP
        IF detach THEN
            EXECUTE format('ALTER TABLE oauth_audit_logs DETACH PARTITION %I', p.partition_name);
        ELSE
            EXECUTE format('DROP TABLE %I', p.partition_name);
        END IF;
        DELETE FROM oauth_audit_hourly_counts WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
        DELETE FROM oauth_audit_hourly_scopes WHERE hour < p.ends AND (p.starts IS NULL OR hour >= p.starts);
        DELETE FROM oauth_audit_daily_counts
        WHERE day < (p.ends AT TIME ZONE 'UTC')::date AND (p.starts IS NULL OR day >= (p.starts AT TIME ZONE 'UTC')::date);
        RETURN NEXT p.partition_name;
    END LOOP;
END $$;
--rollback DROP FUNCTION oauth_audit_retire_partitions(timestamptz, boolean);
