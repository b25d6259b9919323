package io.maxplatform.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.servicetoken.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedAuthenticationLimitTest {

    private final MutableClock clock = new MutableClock();
    private final FailedAuthenticationLimit limit = new FailedAuthenticationLimit(3, clock);

    @Test
    void blocksAtTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.blockedFor("svc").isEmpty());
            limit.recordFailure("svc");
        }
        clock.advance(Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofSeconds(40)), limit.blockedFor("svc"));
        assertTrue(limit.blockedFor("other").isEmpty(), "keys are counted apart");

        clock.advance(Duration.ofSeconds(40));
        assertTrue(limit.blockedFor("svc").isEmpty(), "a new window");
        limit.recordFailure("svc");
        assertTrue(limit.blockedFor("svc").isEmpty(), "the count started again");
    }

    @Test
    void aSuccessClearsTheCount() {
        limit.recordFailure("svc");
        limit.recordFailure("svc");
        limit.reset("svc");
        limit.recordFailure("svc");
        limit.recordFailure("svc");

        assertTrue(limit.blockedFor("svc").isEmpty());
    }
}
