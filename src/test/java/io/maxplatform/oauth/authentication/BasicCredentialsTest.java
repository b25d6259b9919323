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

    @Test
    void toStringNeverShowsTheSecret() {
        ClientCredentials credentials = BasicCredentials.parse(header("svc:very-secret")).orElseThrow();

        assertTrue(!credentials.toString().contains("very-secret"));
    }
}
