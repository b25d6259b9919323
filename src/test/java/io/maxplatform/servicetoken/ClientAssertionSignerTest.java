package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client library's assertions, checked with nimbus-jose-jwt: what the server will verify. */
class ClientAssertionSignerTest {

    private static final String ISSUER = "https://auth.example.com/api/oauth";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final FakeTokenServer server = new FakeTokenServer();

    ClientAssertionSignerTest() throws Exception {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anRs256AssertionCarriesRfc7523sClaims() throws Exception {
        KeyPair pair = TestKeys.rsa();
        SignedJWT jwt = SignedJWT.parse(new ClientAssertionSigner(pair.getPrivate(), "key-1").sign("reports-job", ISSUER, NOW));

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals("key-1", jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic())));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("reports-job", claims.getIssuer());
        assertEquals("reports-job", claims.getSubject());
        assertEquals(List.of(ISSUER), claims.getAudience());
        assertEquals(NOW.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(NOW.plusSeconds(60).getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
        assertTrue(claims.getJWTID().length() >= 22, "128 random bits");
    }

    @Test
    void anEs256AssertionIsInJwsFormNotDer() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        ClientAssertionSigner signer = new ClientAssertionSigner(pair.getPrivate(), "ec-1");
        SignedJWT jwt = SignedJWT.parse(signer.sign("svc", ISSUER, NOW));

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(64, jwt.getSignature().decode().length, "R || S, 32 bytes each (RFC 7518 §3.4)");
        assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic())));
        assertNotEquals(SignedJWT.parse(signer.sign("svc", ISSUER, NOW)).getJWTClaimsSet().getJWTID(),
                jwt.getJWTClaimsSet().getJWTID(), "a fresh jti each time");
    }

    @Test
    void aPkcs8PemIsReadAndOtherFormsAreExplained() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        String pem = TestPem.encode("PRIVATE KEY", pair.getPrivate().getEncoded());

        assertEquals(pair.getPrivate(), ClientAssertionSigner.readPkcs8Pem(pem));
        assertEquals(pair.getPrivate(), ClientAssertionSigner.readPkcs8Pem(pem.replace("\n", "\\n")), "from a one-line variable");
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> ClientAssertionSigner.readPkcs8Pem(TestPem.encode("RSA PRIVATE KEY", TestKeys.rsa().getPrivate().getEncoded())));
        assertTrue(pkcs1.getMessage().contains("openssl pkcs8"), pkcs1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientAssertionSigner.readPkcs8Pem("not a key"));
    }

    @Test
    void textIsJsonEscaped() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", ClientAssertionSigner.quoted("a\"b\\c\n"));
    }

    @Test
    void theProviderSignsAFreshAssertionPerRequestAndSendsNoSecret() throws Exception {
        KeyPair pair = TestKeys.rsa();
        ServiceTokenProvider tokens = ServiceTokenProvider.builder().baseUrl(server.baseUrl()).clientId("svc")
                .privateKey(pair.getPrivate(), "k").scopes("read:profile").build();

        assertEquals("token-1", tokens.getToken());
        assertEquals("token-2", tokens.getToken("read:profile", "https://reports.example.com"));
        assertEquals("token-1", tokens.getToken(), "cached per scopes and audience");
        assertEquals("token-2", tokens.getToken("read:profile", "https://reports.example.com"));

        assertNull(server.authorizations.get(0), "no Basic header");
        Map<String, String> first = server.form(0);
        Map<String, String> second = server.form(1);
        assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", first.get("client_assertion_type"));
        assertEquals(null, first.get("resource"));
        assertEquals("https://reports.example.com", second.get("resource"));
        SignedJWT assertion = SignedJWT.parse(first.get("client_assertion"));
        assertTrue(assertion.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic())));
        assertEquals(List.of(server.baseUrl() + "/api/oauth"), assertion.getJWTClaimsSet().getAudience(),
                "the issuer from the server's metadata");
        assertNotEquals(first.get("client_assertion"), second.get("client_assertion"));
    }

    @Test
    void theEnvironmentConfiguresAKeyInsteadOfASecret() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        String pem = TestPem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()).strip().replace("\n", "\\n");
        ServiceTokenProvider tokens = ServiceTokenProvider.builder().environment(Map.of("SERVICE_AUTH_URL", server.baseUrl(),
                "SERVICE_CLIENT_ID", "svc", "SERVICE_CLIENT_PRIVATE_KEY", pem, "SERVICE_CLIENT_KEY_ID", "ec-1",
                "SERVICE_TOKEN_RESOURCE", "billing")).build();

        assertEquals("token-1", tokens.getToken());
        Map<String, String> body = server.form(0);
        assertEquals("billing", body.get("resource"));
        assertEquals("ec-1", SignedJWT.parse(body.get("client_assertion")).getHeader().getKeyID());
        assertTrue(tokens.toString().contains("ES256") && !tokens.toString().contains(pem));
        ServiceTokenException missingKid = assertThrows(ServiceTokenException.NotConfigured.class, () -> ServiceTokenProvider
                .builder().environment(Map.of("SERVICE_CLIENT_PRIVATE_KEY", pem)).build());
        assertTrue(missingKid.getMessage().contains("SERVICE_CLIENT_KEY_ID"));
    }
}
