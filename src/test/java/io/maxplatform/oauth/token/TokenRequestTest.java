package io.maxplatform.oauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.client.ClientCredentials;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String errorOf(String body, String authorization, boolean hasQuery) {
        return assertThrows(OAuthException.class, () -> TokenRequest.parse(body, FORM, authorization, hasQuery)).error();
    }

    @Test
    void clientSecretPost() {
        TokenRequest request = TokenRequest.parse("grant_type=client_credentials&client_id=svc&client_secret=s3cret&scope=admin:oauth",
                FORM, null, false);

        assertEquals(new ClientCredentials("svc", "s3cret", ClientCredentials.Method.CLIENT_SECRET_POST), request.credentials());
        assertEquals("admin:oauth", request.scope().orElseThrow());
    }

    @Test
    void clientSecretBasicWithAMatchingBodyClientId() {
        TokenRequest request = TokenRequest.parse("grant_type=client_credentials&client_id=svc", FORM, basic("svc:pw"), false);

        assertEquals(ClientCredentials.Method.CLIENT_SECRET_BASIC, request.credentials().method());
    }

    @Test
    void protocolViolationsAreInvalidRequest() {
        assertEquals("invalid_request", errorOf("client_id=svc&client_secret=x", null, false));
        assertEquals("invalid_request", errorOf("grant_type=client_credentials&client_secret=x", basic("svc:x"), false));
        assertEquals("invalid_request", errorOf("grant_type=client_credentials&client_id=other", basic("svc:x"), false));
        assertEquals("invalid_request", errorOf("grant_type=client_credentials&client_secret=x", null, false));
        assertEquals("invalid_request", errorOf("grant_type=client_credentials&client_id=svc&client_secret=x", null, true));
    }

    @Test
    void missingOrForeignCredentialsAreInvalidClient() {
        assertEquals("invalid_client", errorOf("grant_type=client_credentials", null, false));
        assertEquals("invalid_client", errorOf("grant_type=client_credentials&client_id=svc", null, false));
        assertEquals("invalid_client", errorOf("grant_type=client_credentials", "Bearer abc", false));
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        assertEquals("unsupported_grant_type", errorOf("grant_type=password&client_id=svc&client_secret=x", null, false));
    }
}
