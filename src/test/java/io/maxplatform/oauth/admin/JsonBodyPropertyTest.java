package io.maxplatform.oauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.error.ApiException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random and mutated admin JSON bodies: read strictly or refused with 400 and a detail, never anything else. */
class JsonBodyPropertyTest {

    private static final Set<String> FIELDS = Set.of("client_id", "client_name", "allowed_scopes", "default_scopes",
            "token_lifetime_seconds", "is_active", "version");

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"client_id\"", "\"client_name\"",
                "\"allowed_scopes\"", "\"is_active\"", "\"version\"", "\"token_lifetime_seconds\"", "\"client_secret\"",
                "\"x\"", "1", "-1", "1.5", "1e400", "99999999999999999999", "true", "false", "null", "\"\\u0000\"",
                "\"\\ud800\"", " ", "\"read:profile\"");
        return fragments.list().ofMaxSize(30).map(list -> String.join("", list));
    }

    @Property(tries = 3000)
    void anyBodyIsReadOrRefusedWithADetail(@ForAll("jsonish") String body) {
        try {
            JsonBody json = JsonBody.parse(body, FIELDS);
            json.string("client_id");
            json.strings("allowed_scopes");
            json.bool("is_active");
            json.integer("token_lifetime_seconds");
        } catch (ApiException refused) {
            assertEquals(400, refused.status());
            assertTrue(refused.detail() != null && !refused.detail().isBlank());
        }
    }
}
