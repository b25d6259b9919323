package io.maxplatform.oauth.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.error.OAuthException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeSyntaxTest {

    @Test
    void singleSpacesSeparateScopesAndDuplicatesCollapse() {
        assertEquals(List.of("admin:oauth", "admin:users"), ScopeSyntax.parse("admin:oauth admin:users admin:oauth"));
        assertEquals(List.of(), ScopeSyntax.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "\"a\"", "re\\ad", "rëad", "a\u0000"})
    void anythingOutsideRfc6749GrammarIsInvalidScope(String value) {
        assertEquals("invalid_scope", assertThrows(OAuthException.class, () -> ScopeSyntax.parse(value)).error());
    }
}
