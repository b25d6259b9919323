package io.maxplatform.oauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one token check, rule by rule: a token that cannot be checked is refused, never waved through. */
class AccessTokenVerifierTest {

    private static final String ISSUER = "http://localhost:8000/api/oauth";
    private static RSAKey published;
    private static RSAKey withdrawn;
    private static AccessTokenVerifier.KeyCheck keys;

    @BeforeAll
    static void keys() throws Exception {
        published = new RSAKeyGenerator(2048).keyID("published").generate();
        withdrawn = new RSAKeyGenerator(2048).keyID("withdrawn").generate();
        keys = AccessTokenVerifier.KeyCheck.of(new JWKSet(published.toPublicJWK()).toString(true), Set.of("published"), ISSUER);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("svc").audience("maxplatform").jwtID("j1")
                .claim("client_id", "svc").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
    }

    private static String sign(RSAKey key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String refusal(String token) {
        return AccessTokenVerifier.check(token, keys, Instant.now()).refusal();
    }

    @Test
    void aTokenOfThisServerIsValid() throws Exception {
        VerifiedToken checked = AccessTokenVerifier.check(sign(published, JOSEObjectType.JWT, claims().build()), keys, Instant.now());

        assertTrue(checked.isValid(), checked.refusal());
        assertEquals("svc", checked.claim("client_id"));
    }

    @Test
    void aTokenSignedByAKeyNoLongerPublishedIsRefusedThoughItsSignatureIsSound() throws Exception {
        assertEquals("Token signed by a key no longer published (rotated out or withdrawn)",
                refusal(sign(withdrawn, JOSEObjectType.JWT, claims().build())));
    }

    @Test
    void aTokenTypedOtherThanJwtOrUntypedIsRefused() throws Exception {
        assertEquals("Token type is not JWT", refusal(sign(published, new JOSEObjectType("at+jwt"), claims().build())));
        assertEquals("Token type is not JWT", refusal(sign(published, null, claims().build())));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() throws Exception {
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));

        assertEquals("Token not yet valid", refusal(sign(published, JOSEObjectType.JWT, claims().issueTime(inAnHour).build())));
        assertTrue(refusal(sign(published, JOSEObjectType.JWT, claims().notBeforeTime(inAnHour).build())) != null);
    }

    @Test
    void aTokenWithoutJtiOrOfAnotherIssuerIsRefused() throws Exception {
        String invalid = "Token signature, issuer, expiry or required claims invalid";
        assertEquals(invalid, refusal(sign(published, JOSEObjectType.JWT, claims().jwtID(null).build())));
        assertEquals(invalid, refusal(sign(published, JOSEObjectType.JWT, claims().issuer("https://elsewhere").build())));
    }

    @Test
    void aTokenWithDeeplyNestedClaimsIsRefusedBeforeItIsParsed() throws Exception {
        Object nested = "leaf";
        for (int i = 0; i < 100; i++) {
            nested = Map.of("n", nested);
        }
        assertEquals("Token claims nested too deep", refusal(sign(published, JOSEObjectType.JWT, claims().claim("x", nested).build())));
    }

    @Test
    void aNonCanonicalTokenIsRefused() {
        assertEquals("Token not in canonical compact form", refusal("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.AQ*ID"));
    }
}
