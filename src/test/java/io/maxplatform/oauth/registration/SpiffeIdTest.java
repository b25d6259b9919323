package io.maxplatform.oauth.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPIFFE ID §2.2: which subjects a client of trust domain spiffe://example.org may be registered for. */
class SpiffeIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"spiffe://example.org/ns/payments/sa/reports", "spiffe://example.org/a", "spiffe://example.org/a.b/c-d_e",
            "spiffe://example.org/..a"})
    void aPathOfProperSegmentsInTheTrustDomain(String subject) {
        assertTrue(AuthenticationSetup.isSpiffeIdOf("spiffe://example.org", subject), subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spiffe://example.org", "spiffe://example.org/", "spiffe://example.org/a/", "spiffe://example.org//a",
            "spiffe://example.org/./a", "spiffe://example.org/a/..", "spiffe://example.org/a/../b", "spiffe://example.org.evil/a",
            "spiffe://example.orgx/a", "spiffe://example.org/a%2Fb", "spiffe://example.org/a?b"})
    void nothingElse(String subject) {
        assertFalse(AuthenticationSetup.isSpiffeIdOf("spiffe://example.org", subject), subject);
    }
}
