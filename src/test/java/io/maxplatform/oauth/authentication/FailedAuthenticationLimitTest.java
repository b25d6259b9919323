package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.servicetoken.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FailedAuthenticationLimitTest {

    private final MutableClock clock = new MutableClock();
    private final FailedAuthenticationLimit limit = new FailedAuthenticationLimit(3, 2, 1000, clock);

    private void failOnce(String key) {
        assertTrue(limit.tryAttempt(key).isEmpty());
        limit.failed(key);
    }

    @Test
    void blocksAtTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            failOnce("svc");
        }
        clock.advance(Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofSeconds(40)), limit.tryAttempt("svc"));
        assertTrue(limit.tryAttempt("other").isEmpty(), "keys are counted apart");

        clock.advance(Duration.ofSeconds(40));
        assertTrue(limit.tryAttempt("svc").isEmpty(), "a new window");
    }

    @Test
    void successesDoNotCount() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.tryAttempt("busy-service").isEmpty());
            limit.release("busy-service");
        }
        assertEquals(0, limit.size(), "nothing kept for a key without failures");
    }

    @Test
    void attemptsInFlightCountOnlyBeyondTheAllowance() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limit.tryAttempt("svc").isEmpty(), "limit 3 + allowance 2");
        }
        assertTrue(limit.tryAttempt("svc").isPresent());

        limit.release("svc");
        assertTrue(limit.tryAttempt("svc").isEmpty(), "a finished attempt frees its place");
    }

    @Test
    void parallelGuessesAreCheckedAtMostLimitPlusAllowanceTimes() throws Exception {
        FailedAuthenticationLimit twenty = new FailedAuthenticationLimit(20, 10, 1000, clock);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> allowed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                allowed.add(pool.submit(() -> {
                    start.await();
                    return twenty.tryAttempt("svc").isEmpty();
                }));
            }
            start.countDown();
            int passed = 0;
            for (Future<Boolean> result : allowed) {
                passed += result.get() ? 1 : 0;
            }
            assertEquals(30, passed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void memoryIsBounded() {
        FailedAuthenticationLimit small = new FailedAuthenticationLimit(3, 0, 10, clock);
        for (int i = 0; i < 10; i++) {
            small.tryAttempt("id-" + i);
            small.failed("id-" + i);
        }
        clock.advance(FailedAuthenticationLimit.WINDOW);
        small.tryAttempt("one-more");

        assertEquals(1, small.size(), "ended windows were dropped");
        for (int i = 0; i < 25; i++) {
            small.tryAttempt("live-" + i);
        }
        assertTrue(small.size() <= 10);
    }

    @Test
    void manyNewKeysDoNotResetAThrottledOne() {
        FailedAuthenticationLimit small = new FailedAuthenticationLimit(3, 0, 100, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(small.tryAttempt("victim").isEmpty());
            small.failed("victim");
        }
        // Twice as many addresses as there is room for: clearing a full map would have reset the victim.
        for (int i = 0; i < 200; i++) {
            small.tryAttempt("attacker-" + i);
            small.failed("attacker-" + i);
        }

        assertTrue(small.tryAttempt("victim").isPresent(), "still throttled after 200 other addresses");
        assertTrue(small.size() <= 101, "100 keys, and the throttled one beside them");
    }
}
