package io.maxplatform.oauth.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Principal;
import org.junit.jupiter.api.Test;

/** The filter's own rule: a caller that is no token at all is refused (the token's rules: AccessTokenVerifierTest). */
class AdminTokenFilterTest {

    @Test
    void aPrincipalThatIsNoJsonWebTokenIsRefused() {
        Principal other = () -> "svc";

        assertEquals("Token of unknown kind", new AdminTokenFilter().refusal(other));
    }
}
