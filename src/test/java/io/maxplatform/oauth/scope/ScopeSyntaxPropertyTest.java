package io.maxplatform.oauth.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.error.OAuthException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** RFC 6749 §3.3: any scope text is read as NQCHAR tokens split by single spaces, or refused as invalid_scope. */
class ScopeSyntaxPropertyTest {

    @Property(tries = 3000)
    void anyTextIsTokensOrInvalidScope(@ForAll String value) {
        try {
            List<String> scopes = ScopeSyntax.parse(value);
            for (String scope : scopes) {
                assertTrue(!scope.isEmpty() && scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B)
                        || (c >= 0x5D && c <= 0x7E)), scope);
            }
        } catch (OAuthException refused) {
            assertEquals("invalid_scope", refused.error());
            assertEquals(400, refused.status());
        }
    }
}
