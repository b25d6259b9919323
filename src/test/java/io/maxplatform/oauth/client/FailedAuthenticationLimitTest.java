package io.maxplatform.oauth.client;

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
    private final FailedAuthenticationLimit limit = new FailedAuthenticationLimit(3, 1000, clock);

    @Test
    void blocksAtTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.tryAttempt("svc").isEmpty());
        }
        clock.advance(Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofSeconds(40)), limit.tryAttempt("svc"));
        assertTrue(limit.tryAttempt("other").isEmpty(), "keys are counted apart");

        clock.advance(Duration.ofSeconds(40));
        assertTrue(limit.tryAttempt("svc").isEmpty(), "a new window");
    }

    @Test
    void successesGiveTheirAttemptBack() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.tryAttempt("busy-service").isEmpty());
            limit.release("busy-service");
        }
        assertTrue(limit.tryAttempt("busy-service").isEmpty());
    }

    @Test
    void parallelAttemptsCannotSlipUnderTheLimit() throws Exception {
        FailedAuthenticationLimit twenty = new FailedAuthenticationLimit(20, 1000, clock);
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
            assertEquals(20, passed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void memoryIsBounded() {
        FailedAuthenticationLimit small = new FailedAuthenticationLimit(3, 10, clock);
        for (int i = 0; i < 10; i++) {
            small.tryAttempt("id-" + i);
        }
        clock.advance(FailedAuthenticationLimit.WINDOW);
        small.tryAttempt("one-more");

        assertEquals(1, small.size(), "ended windows were dropped");
        for (int i = 0; i < 25; i++) {
            small.tryAttempt("live-" + i);
        }
        assertTrue(small.size() <= 10);
    }
}
