package io.maxplatform.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The two client-id rules: every id the admin API registers is one every lookup accepts. */
class ClientIdPropertyTest {

    @Property(tries = 3000)
    void everyRegistrableIdMayNameAClient(@ForAll("nearlyRegistrable") String id) {
        if (ClientId.isRegistrable(id)) {
            assertTrue(ClientId.mayNameAClient(id), id);
        }
    }

    @Property(tries = 3000)
    void anIdNamesAClientExactlyWhenItIsOneToAHundredVisibleAsciiCharacters(@ForAll String id) {
        boolean vschar = id.chars().allMatch(c -> c >= ' ' && c <= '~');
        assertEquals(vschar && !id.isEmpty() && id.length() <= 100, ClientId.mayNameAClient(id), id);
    }

    /** Texts from the registration alphabet and a few neighbours, of lengths around both limits. */
    @Provide
    Arbitrary<String> nearlyRegistrable() {
        return Arbitraries.strings().withChars("abcz09._-A /\u00e9\u0000").ofMinLength(0).ofMaxLength(103);
    }

    @Example
    void theRegistrationRuleIsTheReadmes() {
        assertTrue(ClientId.isRegistrable("reports-job"));
        assertTrue(ClientId.isRegistrable("a1." + "x".repeat(97)));
        assertFalse(ClientId.isRegistrable("a1." + "x".repeat(98)), "101 characters");
        assertFalse(ClientId.isRegistrable("ab"));
        assertFalse(ClientId.isRegistrable("Bad Id"));
        assertFalse(ClientId.isRegistrable("../etc"));
        assertFalse(ClientId.isRegistrable("-job"));
        assertFalse(ClientId.isRegistrable(null));
    }

    @Example
    void idsTheAdminApiNeverRegisteredStillNameAClient() {
        // SERVICE_CLIENT_ID is not held to the admin API's rule.
        assertTrue(ClientId.mayNameAClient("ab"));
        assertTrue(ClientId.mayNameAClient("MaxPlatform Service"));
        assertTrue(ClientId.mayNameAClient("x".repeat(100)));
        assertFalse(ClientId.mayNameAClient("x".repeat(101)));
        assertFalse(ClientId.mayNameAClient("a\u0000b"));
        assertFalse(ClientId.mayNameAClient("caf\u00e9"));
        assertFalse(ClientId.mayNameAClient(""));
        assertFalse(ClientId.mayNameAClient(null));
    }
}
