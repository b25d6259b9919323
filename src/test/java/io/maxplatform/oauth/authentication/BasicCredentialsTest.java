package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.error.OAuthException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String header(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void partsAreFormUrlDecodedAfterSplittingOnTheFirstColon() {
        String secret = "a:b/c=d?e&f%g+h i é";
        String encoded = URLEncoder.encode("svc", StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);

        ClientCredentials credentials = BasicCredentials.parse(header(encoded)).orElseThrow();

        assertEquals("svc", credentials.clientId());
        assertEquals(secret, credentials.secret());
    }

    @Test
    void aRawColonInTheSecretStaysInTheSecret() {
        assertEquals("pass:word", BasicCredentials.parse(header("svc:pass:word")).orElseThrow().secret());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertTrue(BasicCredentials.parse(header("svc:pw").replace("Basic", "bAsIc")).isPresent());
    }

    @Test
    void otherSchemesAreNotBasicCredentials() {
        assertTrue(BasicCredentials.parse("Bearer abc.def.ghi").isEmpty());
        assertTrue(BasicCredentials.parse(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "Basic !!!", "Basic bm9jb2xvbg==", "Basic OnNlY3JldA==", "Basic /w=="})
    void undecodableBasicCredentialsAreInvalidClient(String header) {
        assertEquals("invalid_client", assertThrows(OAuthException.class, () -> BasicCredentials.parse(header)).error());
    }

    /** security case J6: the base64 edge cases, pinned. RFC 7617 uses the basic alphabet, one line. */
    @Test
    void base64EdgeCases() {
        assertEquals("p", BasicCredentials.parse("Basic c3ZjOnA").orElseThrow().secret(), "missing padding is accepted");
        String urlSafe = "c3ZjOmE_Pg=="; // "svc:a?>" in the URL-safe alphabet
        for (String header : new String[] {"Basic c3Zj\nOnB3", "Basic c3Zj\r\nOnB3", "Basic " + urlSafe}) {
            assertEquals("invalid_client", assertThrows(OAuthException.class, () -> BasicCredentials.parse(header)).error(),
                    header);
        }
    }

    @Test
    void toStringNeverShowsTheSecret() {
        ClientCredentials credentials = BasicCredentials.parse(header("svc:very-secret")).orElseThrow();

        assertTrue(!credentials.toString().contains("very-secret"));
    }
}
