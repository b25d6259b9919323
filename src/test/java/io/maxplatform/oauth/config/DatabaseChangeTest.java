package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How an announcement's payload is read; what the triggers really send is checked against PostgreSQL (ChangeAnnouncementChecks). */
class DatabaseChangeTest {

    @Test
    void aPayloadNamesTheTableAndTheKey() {
        assertEquals(new DatabaseChange(ReplicatedTable.CLIENTS, "billing-service"),
                DatabaseChange.parse("oauth_clients:billing-service"));
    }

    @Test
    void aKeyMayContainColons() {
        assertEquals("urn:example:svc", DatabaseChange.parse("oauth_clients:urn:example:svc").key());
    }

    @Test
    void anUnreadablePayloadOrAnUnknownTableMeansEverythingMayHaveChanged() {
        assertTrue(DatabaseChange.parse("garbled").isEverything());
        assertTrue(DatabaseChange.parse("oauth_tables_of_a_later_release:1").isEverything());
    }
}
