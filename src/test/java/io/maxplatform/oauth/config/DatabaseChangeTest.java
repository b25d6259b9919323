package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseChangeTest {

    @Test
    void aTriggersPayloadNamesTheTableAndTheKey() {
        DatabaseChange change = DatabaseChange.parse("oauth_clients:billing-service");

        assertEquals(new DatabaseChange("oauth_clients", "billing-service"), change);
        assertTrue(change.concerns("oauth_clients"));
        assertFalse(change.concerns("oauth_signing_keys"));
    }

    @Test
    void aKeyMayContainColons() {
        assertEquals("urn:example:svc", DatabaseChange.parse("oauth_clients:urn:example:svc").key());
    }

    @Test
    void anUnreadablePayloadMeansEverythingMayHaveChanged() {
        DatabaseChange change = DatabaseChange.parse("garbled");

        assertTrue(change.isEverything());
        assertTrue(change.concerns("oauth_revoked_tokens"));
    }
}
