package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.authentication.FailedAuthenticationRepository.Count;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.testdb.NativeQueries;
import io.maxplatform.oauth.testdb.Notifications;
import io.maxplatform.oauth.testdb.SchemaDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FailedAuthenticationRepository}'s SQL as it is written, on PostgreSQL with the real schema (the
 * changelog), on a database clock the test sets. The two limits differ (3 per client id and address, 5 per
 * address) so a statement that compares a count with the other count's limit, or binds one parameter in
 * another's place, is caught.
 */
class FailedAuthenticationRepositoryTest {

    private static final int PER_CLIENT_AND_ADDRESS = 3;
    private static final int PER_ADDRESS = 5;
    /** A minute of the database's clock; the tests set the clock at a second of it. */
    private static final Instant MINUTE = Instant.parse("2026-03-01T10:15:00Z");

    private final String address = "test-" + UUID.randomUUID(); // rows of this test only (at most 64 characters)
    private Connection connection;
    private Notifications announced;
    private FailedAuthenticationRepository repository;

    @BeforeEach
    void connect() throws SQLException {
        connection = SchemaDatabase.connect();
        announced = Notifications.listen(ReplicatedTable.CHANNEL);
        repository = new FailedAuthenticationRepository();
        repository.em = NativeQueries.over(connection);
        clockAt(20);
    }

    @AfterEach
    void close() throws SQLException {
        announced.close();
        connection.close();
    }

    @Test
    void eachFailureCountsForTheClientIdAtTheAddressAndForTheAddress() throws SQLException {
        fail("svc");
        List<Count> counts = fail("svc");

        assertEquals(2, counts.size(), counts.toString());
        Count client = only(counts, "svc");
        Count wholeAddress = only(counts, FailedAuthenticationRepository.WHOLE_ADDRESS);
        assertEquals(2, client.failures());
        assertEquals(address, client.sourceAddress());
        assertTrue(wholeAddress.isWholeAddress());
        assertEquals(2, wholeAddress.failures());
        assertEquals(Duration.ofSeconds(40), client.remaining(), "the minute of the database's clock ends 40 s after :20");
        assertEquals(Duration.ofSeconds(40), wholeAddress.remaining());

        List<Count> another = fail("other");
        assertEquals(1, only(another, "other").failures(), "another client id at the address starts its own count");
        assertEquals(3, only(another, FailedAuthenticationRepository.WHOLE_ADDRESS).failures(), "the address counts every id");
        assertEquals(List.of(), announced.received(), "no count has reached its limit");
    }

    @Test
    void eachCountIsAnnouncedOnceWhenItReachesItsOwnLimit() throws SQLException {
        long clientRow = 0;
        for (int i = 1; i <= PER_CLIENT_AND_ADDRESS; i++) {
            List<Count> counts = fail("a");
            clientRow = only(counts, "a").id();
            assertEquals(i == PER_CLIENT_AND_ADDRESS ? List.of(payload(clientRow)) : List.of(), announced.received(),
                    "after failure " + i + " of a client id (limit " + PER_CLIENT_AND_ADDRESS + ")");
        }
        // The address has seen 3; two more failures of another id bring it to its limit, 5.
        assertEquals(List.of(), fail("b", announced));
        List<Count> fifth = fail("b");
        long addressRow = only(fifth, FailedAuthenticationRepository.WHOLE_ADDRESS).id();
        assertEquals(PER_ADDRESS, only(fifth, FailedAuthenticationRepository.WHOLE_ADDRESS).failures());
        assertEquals(List.of(payload(addressRow)), announced.received(), "the address's count alone reached its limit");

        // Past a limit nothing is announced again: an instance refuses before counting, and heard it once.
        assertEquals(List.of(), fail("a", announced), "a: 4 of 3; the address: 6 of 5");
        assertEquals(List.of(), fail("c", announced), "c: 1 of 3; the address: 7 of 5");
    }

    @Test
    void atLimitNowFindsThisMinutesCountsAtOrPastTheirLimits() throws SQLException {
        for (int i = 0; i < PER_CLIENT_AND_ADDRESS; i++) {
            fail("a");
        }
        // a: 3 of 3 (at its limit); the address: 3 of 5 (below).
        assertEquals(Set.of("a"), atLimitNow());

        fail("b");
        assertEquals(Set.of("a"), atLimitNow(), "b: 1 of 3; the address: 4 of 5");
        fail("b");
        assertEquals(Set.of("a", FailedAuthenticationRepository.WHOLE_ADDRESS), atLimitNow(), "the address: 5 of 5");
        fail("a");
        assertEquals(Set.of("a", FailedAuthenticationRepository.WHOLE_ADDRESS), atLimitNow(), "past a limit counts too");
    }

    @Test
    void aNewMinuteOfTheDatabasesClockStartsNewCounts() throws SQLException {
        clockAt(59);
        for (int i = 0; i < PER_CLIENT_AND_ADDRESS; i++) {
            fail("a");
        }
        assertEquals(Set.of("a"), atLimitNow());

        clockAt(61);
        assertEquals(Set.of(), atLimitNow(), "the last minute's counts are past");
        List<Count> counts = fail("a");
        assertEquals(1, only(counts, "a").failures());
        assertEquals(1, only(counts, FailedAuthenticationRepository.WHOLE_ADDRESS).failures());
        assertEquals(Duration.ofSeconds(59), only(counts, "a").remaining());
    }

    @Test
    void findReadsOneCountWithWhatRemainsOfItsMinute() throws SQLException {
        fail("a");
        long id = only(fail("a"), "a").id();

        clockAt(45);
        List<Count> found = repository.find(id);
        assertEquals(1, found.size());
        assertEquals("a", found.get(0).clientId());
        assertEquals(address, found.get(0).sourceAddress());
        assertEquals(2, found.get(0).failures());
        assertEquals(Duration.ofSeconds(15), found.get(0).remaining());

        clockAt(75);
        assertEquals(Duration.ZERO, repository.find(id).get(0).remaining(), "its minute is over");
        assertEquals(List.of(), repository.find(-1));
    }

    private List<Count> fail(String clientId) throws SQLException {
        // As the repository runs in the server: a transaction of its own (REQUIRES_NEW), committed here.
        return SchemaDatabase.inTransaction(connection, () -> repository.recordFailure(clientId, address, PER_CLIENT_AND_ADDRESS, PER_ADDRESS));
    }

    /** A failure, and what it announced. */
    private List<String> fail(String clientId, Notifications notifications) throws SQLException {
        fail(clientId);
        return notifications.received();
    }

    private Set<String> atLimitNow() {
        return repository.atLimitNow(PER_CLIENT_AND_ADDRESS, PER_ADDRESS).stream()
                .filter(count -> count.sourceAddress().equals(address))
                .map(Count::clientId)
                .collect(Collectors.toSet());
    }

    private static Count only(List<Count> counts, String clientId) {
        List<Count> matching = counts.stream().filter(count -> count.clientId().equals(clientId)).toList();
        assertEquals(1, matching.size(), counts.toString());
        return matching.get(0);
    }

    private static String payload(long id) {
        return ReplicatedTable.FAILED_AUTHENTICATIONS.table() + ":" + id;
    }

    private void clockAt(int second) throws SQLException {
        SchemaDatabase.useClock(connection, MINUTE.plusSeconds(second));
    }
}
