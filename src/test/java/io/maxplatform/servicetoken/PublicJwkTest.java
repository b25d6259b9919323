package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** The printed JWK is the key nimbus-jose-jwt builds from the same public key (same thumbprint). */
class PublicJwkTest {

    private static String pem(KeyPair pair) {
        return TestPem.encode("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    @Test
    void anEcP256KeyBecomesItsJwk() throws Exception {
        for (int i = 0; i < 20; i++) { // coordinates with leading zero bytes must keep 32 bytes
            KeyPair pair = TestKeys.ecP256();
            JWK printed = JWK.parse(PublicJwk.of(pem(pair), "ec-1"));
            JWK expected = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) pair.getPublic()).build();

            assertEquals(expected.computeThumbprint(), printed.computeThumbprint());
            assertEquals("ec-1", printed.getKeyID());
            assertEquals("ES256", printed.getAlgorithm().getName());
        }
    }

    @Test
    void anRsaKeyBecomesItsJwk() throws Exception {
        KeyPair pair = TestKeys.rsa();
        JWK printed = JWK.parse(PublicJwk.of(pem(pair), "rsa-1"));

        assertEquals(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build().computeThumbprint(), printed.computeThumbprint());
        assertEquals("RS256", printed.getAlgorithm().getName());
    }

    @Test
    void aPrivateKeyFileIsRefusedWithTheCommandThatMakesThePublicOne() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PublicJwk.of(TestPem.encode("PRIVATE KEY", TestKeys.ecP256().getPrivate().getEncoded()), "k"));
        assertEquals(true, refused.getMessage().contains("openssl pkey"));
    }
}
