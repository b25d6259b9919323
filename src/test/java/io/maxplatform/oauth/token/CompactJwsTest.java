package io.maxplatform.oauth.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJwsTest {

    /** A header, a payload and a 3-byte signature ("AQID"), each canonical base64url. */
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQID";

    @Test
    void theCanonicalSpellingIsAccepted() {
        assertTrue(CompactJws.isCanonical(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ&ID",   // a character outside the alphabet
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ*ID",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ>ID",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ#ID",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQID=",   // padding
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ+D",    // standard base64
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQF",     // unused bits set: decodes like "AQE"
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.",        // no signature (alg none)
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ",         // two parts
        "a.b.c.d.e",                                       // JWE
        ".eyJzdWIiOiJzdmMifQ.AQID",
        "eyJhbGciOiJSUzI1NiJ9..AQID.",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.A",        // a length no base64 has
        " eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQID",
        ""})
    void everyOtherSpellingIsRefused(String token) {
        assertFalse(CompactJws.isCanonical(token));
    }

    @Test
    void overlongTokensAreRefusedUnread() {
        assertFalse(CompactJws.isCanonical(TOKEN + "A".repeat(CompactJws.MAX_LENGTH)));
        assertFalse(CompactJws.isCanonical(null));
    }

    @Test
    void claimsNestedDeeperThanEightLevelsAreRefused() {
        assertTrue(CompactJws.isShallow(withPayload("{\"aud\":[\"a\",\"b\"],\"x\":" + nested(6) + "}")));
        assertFalse(CompactJws.isShallow(withPayload("{\"x\":" + nested(8) + "}")));
        // Brackets inside strings, escaped quotes included, are text, not nesting.
        assertTrue(CompactJws.isShallow(withPayload("{\"x\":\"[[[[[[[[[[\\\"[[[[\"}")));
    }

    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    private static String withPayload(String json) {
        return "eyJhbGciOiJSUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AQID";
    }
}
