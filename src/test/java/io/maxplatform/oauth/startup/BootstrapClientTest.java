package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.client.ClientId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapClientTest {

    /** Not the admin API's rule: upper case, spaces and two characters were always accepted here, and still are. */
    @Test
    void acceptsEveryIdTheTokenEndpointAccepts() {
        for (String id : List.of("maxplatform-service", "MaxPlatform Service", "ab", "x".repeat(100))) {
            BootstrapClient.requireUsableId(id);
            assertTrue(ClientId.mayNameAClient(id), id);
        }
    }

    @Test
    void refusesAtStartAnIdNoClientCouldAuthenticateWith() {
        for (String id : List.of("caf\u00e9", "a\tb", "", "x".repeat(101))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> BootstrapClient.requireUsableId(id));
            assertTrue(refused.getMessage().startsWith("SERVICE_CLIENT_ID must be"), refused.getMessage());
        }
    }
}
