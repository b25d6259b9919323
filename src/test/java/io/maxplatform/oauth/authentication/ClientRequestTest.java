package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

    private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static ClientRequest read(String body, String authorization, boolean hasQuery) {
        return ClientRequest.read(body, FORM, hasQuery, ClientRequest.Authorization.read(authorization), credentials -> {
            throw new AssertionError("not authenticated in these tests");
        });
    }

    private static String errorOf(String body, String authorization, boolean hasQuery) {
        return assertThrows(OAuthException.class, () -> read(body, authorization, hasQuery).credentials()).error();
    }

    @Test
    void clientSecretPost() {
        ClientRequest request = read("grant_type=client_credentials&client_id=svc&client_secret=s3cret", null, false);

        assertEquals(new ClientCredentials("svc", "s3cret"), request.credentials());
    }

    @Test
    void clientSecretBasicWithAMatchingBodyClientId() {
        ClientRequest request = read("grant_type=client_credentials&client_id=svc", basic("svc:pw"), false);

        assertEquals(new ClientCredentials("svc", "pw"), request.credentials());
    }

    @Test
    void protocolViolationsAreInvalidRequest() {
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
        assertEquals("invalid_client", errorOf("grant_type=client_credentials", "Basic !!!", false));
    }

    @Test
    void theBodysOwnErrorsComeBeforeTheHeaders() {
        OAuthException refused = assertThrows(OAuthException.class, () -> read("a=1&a=2", "Basic !!!", false));

        assertEquals("invalid_request", refused.error());
    }

    @Test
    void anOversizedBodyOrAnotherContentTypeIsRefusedBeforeParsing() {
        assertEquals(413, assertThrows(OAuthException.class, () -> read(null, null, false)).status());
        assertEquals("invalid_request", assertThrows(OAuthException.class, () -> ClientRequest.read("a=1",
                MediaType.APPLICATION_JSON_TYPE, false, ClientRequest.Authorization.read(null), c -> null)).error());
    }

    @Test
    void onlyTheFormTypeItselfIsAccepted() {
        for (MediaType type : List.of(MediaType.WILDCARD_TYPE, new MediaType("application", "*"), MediaType.TEXT_PLAIN_TYPE,
                MediaType.MULTIPART_FORM_DATA_TYPE, MediaType.APPLICATION_JSON_TYPE)) {
            assertEquals("invalid_request", assertThrows(OAuthException.class, () -> ClientRequest.read("a=1",
                    type, false, ClientRequest.Authorization.read(null), c -> null)).error(), type.getType() + "/" + type.getSubtype());
        }
        ClientRequest.read("a=1", new MediaType("application", "x-www-form-urlencoded", "UTF-8"), false,
                ClientRequest.Authorization.read(null), c -> null);
        ClientRequest.read("a=1", new MediaType("Application", "X-WWW-Form-URLEncoded"), false,
                ClientRequest.Authorization.read(null), c -> null);
    }

    @Test
    void theClaimedClientIdComesFromTheHeaderOrTheBodyWithoutCheckingAnything() {
        assertEquals(Optional.of("svc"), read("", basic("svc:wrong"), false).claimedClientId());
        assertEquals(Optional.of("other"), read("client_id=other", null, false).claimedClientId());
        assertEquals(Optional.empty(), read("", "Basic !!!", false).claimedClientId());
    }

    @Test
    void theClientIsAuthenticatedOnceAndOnlyWhenAskedFor() {
        int[] calls = new int[1];
        ClientRequest request = ClientRequest.read("client_id=svc&client_secret=x", FORM, false,
                ClientRequest.Authorization.read(null), credentials -> {
                    calls[0]++;
                    return RegisteredClient.of(new Client(credentials.clientId(), "Service", "hmac-sha256$x", List.of(), List.of()));
                });
        assertEquals(0, calls[0]);

        RegisteredClient client = request.client();

        assertSame(client, request.client());
        assertEquals(1, calls[0]);
    }
}
