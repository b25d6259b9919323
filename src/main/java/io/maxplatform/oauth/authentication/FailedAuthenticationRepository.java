package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.config.ReplicatedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/**
 * {@code oauth_failed_authentications} (release 1.6): the failed authentications of every instance on the
 * database, per client id and source address and per address alone, in windows of one minute of the
 * database's clock (so instances whose clocks differ still share a window). Only failures write here.
 */
@ApplicationScoped
public class FailedAuthenticationRepository {

    /** The client id of the row that counts an address's failures whatever client id they claimed. */
    static final String WHOLE_ADDRESS = "";
    private static final String TABLE = ReplicatedTable.FAILED_AUTHENTICATIONS.table();

    @PersistenceContext(unitName = "maxplatform")
    EntityManager em;

    /** A count, and how long its window still runs by the database's clock. */
    record Count(long id, String clientId, String sourceAddress, int failures, Duration remaining) {

        boolean isWholeAddress() {
            return clientId.equals(WHOLE_ADDRESS);
        }
    }

    /**
     * Counts one failure for the client id and the address, in one statement and a transaction of its own (the
     * request's rolls back with its failure). A count that reaches its limit is announced to every instance when
     * this commits; an instance that missed the announcement still sees the total at its own next failure.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Count> recordFailure(String clientId, String sourceAddress, int perClientAndAddress, int perAddress) {
        // Counts live a minute: a crash may lose the last few, so this commit need not wait for the disk.
        em.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
        Query upsert = em.createNativeQuery("WITH counted AS ("
                        + " INSERT INTO " + TABLE + " AS f (client_id, source_address, window_start, failures)"
                        + " VALUES (?1, ?2, date_trunc('minute', now()), 1), (?3, ?2, date_trunc('minute', now()), 1)"
                        + " ON CONFLICT (client_id, source_address, window_start) DO UPDATE SET failures = f.failures + 1"
                        + " RETURNING f.id, f.client_id, f.source_address, f.failures, f.window_start)"
                        + " SELECT id, client_id, source_address, failures, " + REMAINING_MILLIS + ","
                        // Announced once, when the count reaches the limit: later failures are refused before counting.
                        + " CASE WHEN failures = CASE WHEN client_id = ?3 THEN ?5 ELSE ?4 END"
                        + " THEN pg_notify('" + ReplicatedTable.CHANNEL + "', '" + TABLE + ":' || id) END"
                        + " FROM counted")
                .setParameter(1, clientId)
                .setParameter(2, sourceAddress)
                .setParameter(3, WHOLE_ADDRESS)
                .setParameter(4, perClientAndAddress)
                .setParameter(5, perAddress);
        return counts(upsert);
    }

    /** One count, as announced; empty once cleaned up. */
    List<Count> find(long id) {
        return counts(em.createNativeQuery(SELECT + " WHERE id = ?1").setParameter(1, id));
    }

    /** Every count of the current window at or past its limit: what an instance re-reads after missing announcements. */
    List<Count> atLimitNow(int perClientAndAddress, int perAddress) {
        return counts(em.createNativeQuery(SELECT + " WHERE window_start = date_trunc('minute', now())"
                        + " AND failures >= CASE WHEN client_id = ?1 THEN ?3 ELSE ?2 END")
                .setParameter(1, WHOLE_ADDRESS)
                .setParameter(2, perClientAndAddress)
                .setParameter(3, perAddress));
    }

    private static final String REMAINING_MILLIS =
            "CAST(EXTRACT(EPOCH FROM window_start + interval '1 minute' - clock_timestamp()) * 1000 AS bigint)";
    private static final String SELECT = "SELECT id, client_id, source_address, failures, " + REMAINING_MILLIS + " FROM " + TABLE;

    @SuppressWarnings("unchecked")
    private static List<Count> counts(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Count(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), Duration.ofMillis(Math.max(0, ((Number) r[4]).longValue())))).toList();
    }
}
