package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.servicetoken.MutableClock;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {

    private final AuthenticationThrottle throttle = new AuthenticationThrottle();

    AuthenticationThrottleTest() {
        throttle.perClientAndSource = 3;
        throttle.perSource = 5;
        throttle.clock = new MutableClock();
        throttle.init();
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
}
