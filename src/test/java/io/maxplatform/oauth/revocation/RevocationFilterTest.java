package io.maxplatform.oauth.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The checks that need no database: a token that cannot be checked is refused, never waved through. */
class RevocationFilterTest {

    private final RevocationFilter filter = new RevocationFilter();

    private static JsonWebToken token(String raw, String jti) {
        return token(raw, jti, null);
    }

    private static JsonWebToken token(String raw, String jti, Long issuedAt) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "svc";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) switch (claimName) {
                    case "raw_token" -> raw;
                    case "jti" -> jti;
                    case "iat" -> issuedAt;
                    default -> null;
                };
            }
        };
    }

    @Test
    void aPrincipalThatIsNoJsonWebTokenIsRefused() {
        Principal other = () -> "svc";

        assertEquals("Token of unknown kind", filter.refusal(other));
    }

    /** {"alg":"RS256","typ":"JWT"}. */
    private static final String HEADER = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";

    @Test
    void aTokenWithoutJtiIsRefused() {
        assertEquals("Token without jti", filter.refusal(token(HEADER + ".eyJzdWIiOiJzdmMifQ.AQID", null)));
    }

    @Test
    void aTokenTypedOtherThanJwtOrUntypedIsRefused() {
        // {"alg":"RS256","typ":"at+jwt"} and {"alg":"RS256"}
        assertEquals("Token type is not JWT", filter.refusal(token("eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJzdmMifQ.AQID", "abc")));
        assertEquals("Token type is not JWT", filter.refusal(token("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQID", "abc")));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        long inAnHour = java.time.Instant.now().getEpochSecond() + 3600;

        assertEquals("Token not yet valid",
                filter.refusal(token(HEADER + ".eyJzdWIiOiJzdmMifQ.AQID", "abc", inAnHour)));
    }

    @Test
    void aNonCanonicalTokenIsRefused() {
        assertEquals("Token not in canonical compact form",
                filter.refusal(token("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ*ID", "abc")));
    }
}
