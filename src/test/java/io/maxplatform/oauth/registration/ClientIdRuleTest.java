package io.maxplatform.oauth.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.error.ApiException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Registration refuses exactly the ids outside {@link ClientId#isRegistrable}, with the wording of service-developers.md. */
class ClientIdRuleTest {

    static final String REFUSAL = "client_id must be 3 to 100 characters: lower-case letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit";

    @Property(tries = 2000)
    void registrationAcceptsExactlyTheRegistrableIds(@ForAll("ids") String id) {
        if (ClientId.isRegistrable(id)) {
            ClientRules.checkClientId(id);
        } else {
            ApiException refused = assertThrows(ApiException.class, () -> ClientRules.checkClientId(id));
            assertEquals(400, refused.status());
            assertEquals(REFUSAL, refused.detail());
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("az09._-B ").ofMaxLength(102),
                Arbitraries.strings().ofMaxLength(102));
    }
}
