package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.DatabaseChange;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.testdb.NativeQueries;
import io.maxplatform.oauth.testdb.Notifications;
import io.maxplatform.oauth.testdb.SchemaDatabase;
import io.maxplatform.servicetoken.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle over the real shared table: {@link FailedAuthenticationRepository}'s SQL on PostgreSQL with the
 * real schema ({@link SchemaDatabase}), and the announcements that SQL makes, as PostgreSQL delivers them, handed
 * to the instances that listen (what the change feed does in the server). Each test counts in a minute of the
 * database's clock of its own, at its 30th second.
 */
class AuthenticationThrottleTest {

    private static final Instant FIRST_MINUTE = Instant.parse("2027-01-01T00:00:30Z");
    private static final AtomicInteger MINUTES = new AtomicInteger();

    /** The shared table as the instances see it: the repository on PostgreSQL, and its announcements. */
    private final class SharedTable extends FailedAuthenticationRepository {
        final List<AuthenticationThrottle> listening = new ArrayList<>();

        @Override
        List<Count> recordFailure(String clientId, String sourceAddress, int perClientAndAddress, int perAddress) {
            // A transaction of its own (REQUIRES_NEW in the server): committed, so its announcement is sent.
            List<Count> counts = SchemaDatabase.inTransaction(connection, () -> super.recordFailure(clientId, sourceAddress, perClientAndAddress, perAddress));
            for (String payload : announced()) {
                DatabaseChange change = DatabaseChange.parse(payload);
                if (change.table().filter(ReplicatedTable.FAILED_AUTHENTICATIONS::equals).isPresent()) {
                    listening.forEach(instance -> instance.reload(ReplicatedTable.FAILED_AUTHENTICATIONS, change.key()));
                }
            }
            return counts;
        }
    }

    private final SharedTable table = new SharedTable();
    private final AuthenticationThrottle throttle = instance();
    private Connection connection;
    private Notifications announcements;

    @BeforeEach
    void connect() throws SQLException {
        connection = SchemaDatabase.connect();
        SchemaDatabase.useClock(connection, FIRST_MINUTE.plus(Duration.ofMinutes(MINUTES.getAndIncrement())));
        announcements = Notifications.listen(ReplicatedTable.CHANNEL);
        table.em = NativeQueries.over(connection);
    }

    @AfterEach
    void close() throws SQLException {
        announcements.close();
        connection.close();
    }

    private AuthenticationThrottle instance() {
        AuthenticationThrottle instance = new AuthenticationThrottle();
        instance.settings = ServerSettings.of(Map.of("AUTH_FAILURES_PER_CLIENT_PER_MINUTE", "3",
                "AUTH_FAILURES_PER_SOURCE_PER_MINUTE", "5"));
        instance.clock = new MutableClock();
        instance.shared = table;
        instance.init();
        return instance;
    }

    @Test
    void oneAddressCyclingThroughClientIdsIsStopped() {
        for (int i = 0; i < 5; i++) {
            throttle.attempt("client-" + i, "10.0.0.1");
            throttle.failed("client-" + i, "10.0.0.1");
        }

        OAuthException e = assertThrows(OAuthException.class, () -> throttle.attempt("client-99", "10.0.0.1"));

        assertEquals(429, e.status());
        assertEquals("invalid_client", e.error());
        throttle.attempt("client-99", "10.0.0.2");
    }

    @Test
    void anAttackerElsewhereCannotLockAServiceOut() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("svc", "10.0.0.66");
            throttle.failed("svc", "10.0.0.66");
        }
        assertThrows(OAuthException.class, () -> throttle.attempt("svc", "10.0.0.66"));

        throttle.attempt("svc", "10.0.0.7");
    }

    @Test
    void aBusyServicesConcurrentRequestsAreNotRefused() {
        for (int i = 0; i < 40; i++) {
            throttle.attempt("busy", "10.0.0.9");
        }
        for (int i = 0; i < 40; i++) {
            throttle.release("busy", "10.0.0.9");
        }
        throttle.attempt("busy", "10.0.0.9");
    }

    @Test
    void overLongIdsShareOneKey() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("x".repeat(200 + i), "10.0.0.3");
            throttle.failed("x".repeat(200 + i), "10.0.0.3");
        }
        assertThrows(OAuthException.class, () -> throttle.attempt("y".repeat(300), "10.0.0.3"));
    }

    @Test
    void theLimitCountsTheFailuresOfEveryInstance() {
        AuthenticationThrottle other = instance();
        table.listening.addAll(List.of(throttle, other));
        // The limit is 3 per client id and address, 5 per address: each count is compared with its own.
        throttle.attempt("svc", "10.0.0.5");
        throttle.failed("svc", "10.0.0.5");
        other.attempt("svc", "10.0.0.5");
        other.failed("svc", "10.0.0.5");
        throttle.attempt("svc", "10.0.0.5");
        throttle.failed("svc", "10.0.0.5"); // the third in total: the limit, announced to both

        OAuthException e = assertThrows(OAuthException.class, () -> other.attempt("svc", "10.0.0.5"));
        assertEquals(429, e.status());
        long retryAfter = e.retryAfterSeconds().orElseThrow();
        // Until the later end: the shared minute's (30 s here) or the instance's own window's (a minute from its first failure).
        assertTrue(retryAfter > 30 && retryAfter <= 60, "the later window's end: " + retryAfter);
        assertThrows(OAuthException.class, () -> throttle.attempt("svc", "10.0.0.5"));
    }

    @Test
    void withoutTheAnnouncementAnInstanceStopsAtItsOwnNextFailure() {
        AuthenticationThrottle other = instance(); // not listening: its feed is interrupted
        for (int i = 0; i < 3; i++) {
            throttle.attempt("svc", "10.0.0.6");
            throttle.failed("svc", "10.0.0.6");
        }
        other.attempt("svc", "10.0.0.6");
        other.failed("svc", "10.0.0.6"); // reads the total, four

        assertThrows(OAuthException.class, () -> other.attempt("svc", "10.0.0.6"));
    }

    @Test
    void successesNeverTouchTheSharedCount() {
        for (int i = 0; i < 10; i++) {
            throttle.attempt("svc", "10.0.0.8");
            throttle.release("svc", "10.0.0.8");
        }
        assertEquals(0, rowsOf("10.0.0.8"), "no count was written");
    }

    @Test
    void anInstanceThatStartsReadsTheBlocksInForce() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("svc", "10.0.0.4");
            throttle.failed("svc", "10.0.0.4");
        }
        AuthenticationThrottle restarted = instance();
        restarted.reloadAll();

        OAuthException e = assertThrows(OAuthException.class, () -> restarted.attempt("svc", "10.0.0.4"));
        assertEquals(429, e.status());
        assertEquals(30, e.retryAfterSeconds().orElseThrow(), "until the database's minute ends, 30 s after :30");
        restarted.attempt("svc", "10.0.0.5");
    }

    private List<String> announced() {
        try {
            return announcements.received();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rowsOf(String address) {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM oauth_failed_authentications WHERE source_address = ? AND window_start = date_trunc('minute', now())")) {
            count.setString(1, address);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void idsNoClientCanHaveAreCountedAsOne() {
        assertEquals("*", AuthenticationThrottle.countedId(""));
        assertEquals("*", AuthenticationThrottle.countedId("x".repeat(101)));
        assertEquals("*", AuthenticationThrottle.countedId("c1\u0000admin"));
        assertEquals("svc", AuthenticationThrottle.countedId("svc"));
    }
}
