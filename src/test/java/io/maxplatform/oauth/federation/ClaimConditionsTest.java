package io.maxplatform.oauth.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimConditionsTest {

    private static final JWTClaimsSet JOB = new JWTClaimsSet.Builder().subject("repo:maxplatform/reports:ref:refs/heads/main")
            .claim("repository", "maxplatform/reports").claim("run_attempt", 2L).claim("ref_protected", true)
            .claim("groups", List.of("a")).claim("kubernetes.io", Map.of("namespace", "payments")).build();

    @Test
    void everyConditionMustHoldExactlyWithItsType() {
        assertTrue(ClaimConditions.met(null, JOB));
        assertTrue(ClaimConditions.met("{\"repository\":\"maxplatform/reports\",\"run_attempt\":2,\"ref_protected\":true}", JOB));
        assertTrue(ClaimConditions.met("{\"run_attempt\":2.0}", JOB), "2.0 and 2 are the same number");
        assertFalse(ClaimConditions.met("{\"repository\":\"maxplatform/Reports\"}", JOB));
        assertFalse(ClaimConditions.met("{\"run_attempt\":\"2\"}", JOB), "a string is not the number");
        assertFalse(ClaimConditions.met("{\"ref_protected\":false}", JOB));
        assertFalse(ClaimConditions.met("{\"environment\":\"production\"}", JOB), "an absent claim fails");
        assertFalse(ClaimConditions.met("{\"repository\":\"maxplatform/reports\",\"ref_protected\":false}", JOB),
                "all must hold, not one");
    }

    @Test
    void registrationAcceptsExactScalarValuesOnOtherClaimsOnly() {
        assertEquals("{\"repository\":\"maxplatform/reports\"}", ClaimConditions.check("{\"repository\":\"maxplatform/reports\"}"));
        assertNull(ClaimConditions.check("{}"), "no condition is stored as none");
        assertNull(ClaimConditions.check(null));
        for (String refused : List.of("{\"sub\":\"x\"}", "{\"aud\":\"x\"}", "{\"iss\":\"x\"}", "{\"groups\":[\"a\"]}",
                "{\"kubernetes.io\":{\"namespace\":\"payments\"}}", "{\"x\":null}", "[1]", "not json")) {
            assertThrows(IllegalArgumentException.class, () -> ClaimConditions.check(refused), refused);
        }
    }

    @Test
    void aSpiffeIdNamesItsTrustDomain() {
        assertEquals("spiffe://example.org", TrustAnchors.trustDomain("spiffe://example.org/ns/payments/sa/reports").orElseThrow());
        assertEquals("spiffe://example.org", TrustAnchors.trustDomain("spiffe://example.org").orElseThrow());
        assertEquals("spiffe://example.org.evil.example",
                TrustAnchors.trustDomain("spiffe://example.org.evil.example/ns/a").orElseThrow(), "a longer domain is another one");
        assertTrue(TrustAnchors.trustDomain("system:serviceaccount:payments:reports").isEmpty());
        assertTrue(TrustAnchors.trustDomain(null).isEmpty());
    }
}
