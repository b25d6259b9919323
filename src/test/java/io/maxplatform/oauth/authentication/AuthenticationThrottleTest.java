package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.servicetoken.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {

    /** The shared table as the instances see it: counts per (client id, address), and what each write announced. */
    private static final class SharedTable extends FailedAuthenticationRepository {
        final Map<List<String>, Integer> failures = new HashMap<>();
        final List<AuthenticationThrottle> listening = new ArrayList<>();
        int writes;

        @Override
        List<Count> recordFailure(String clientId, String sourceAddress, int perClientAndAddress, int perAddress) {
            writes++;
            List<Count> counts = List.of(count(clientId, sourceAddress), count(WHOLE_ADDRESS, sourceAddress));
            for (Count count : counts) {
                if (count.failures() == (count.isWholeAddress() ? perAddress : perClientAndAddress)) {
                    listening.forEach(instance -> instance.reload(ReplicatedTable.FAILED_AUTHENTICATIONS, String.valueOf(count.id())));
                }
            }
            return counts;
        }

        private Count count(String clientId, String address) {
            List<String> key = List.of(clientId, address);
            int total = failures.merge(key, 1, Integer::sum);
            return new Count(key.hashCode(), clientId, address, total, Duration.ofSeconds(30));
        }

        @Override
        List<Count> find(long id) {
            return failures.entrySet().stream().filter(e -> e.getKey().hashCode() == id)
                    .map(e -> new Count(id, e.getKey().get(0), e.getKey().get(1), e.getValue(), Duration.ofSeconds(30))).toList();
        }
    }

    private final SharedTable table = new SharedTable();
    private final AuthenticationThrottle throttle = instance();

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
        assertEquals(0, table.writes);
    }

    @Test
    void idsNoClientCanHaveAreCountedAsOne() {
        assertEquals("*", AuthenticationThrottle.countedId(""));
        assertEquals("*", AuthenticationThrottle.countedId("x".repeat(101)));
        assertEquals("*", AuthenticationThrottle.countedId("c1\u0000admin"));
        assertEquals("svc", AuthenticationThrottle.countedId("svc"));
    }
}
