package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.servicetoken.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowVerificationBudgetTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void allowsTheRateAndRefusesBeyondIt() {
        SlowVerificationBudget budget = new SlowVerificationBudget(2, 2, clock);

        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire(), "a third within the same second");

        clock.advance(Duration.ofMillis(500));
        assertTrue(budget.tryAcquire(), "half a second buys one more");
        assertFalse(budget.tryAcquire());
    }

    @Test
    void idleTimeBuildsNoMoreThanOneBurst() {
        SlowVerificationBudget budget = new SlowVerificationBudget(1, 10, clock);
        clock.advance(Duration.ofHours(1));

        int granted = 0;
        for (int i = 0; i < 100; i++) {
            granted += budget.tryAcquire() ? 1 : 0;
        }

        assertTrue(granted == 10, "one burst after an idle hour, no more: " + granted);
    }
}
