package io.maxplatform.oauth.key;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NativeSigningTest {

    private static final byte[] INPUT = "header.payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rs256SignaturesVerifyWithTheJdk() throws Exception {
        JWK key = new RSAKeyGenerator(2048).generate();
        assertVerifies(key, JWSAlgorithm.RS256, new RSASSAVerifier(key.toRSAKey().toPublicJWK()));
    }

    @Test
    void es256SignaturesVerifyWithTheJdk() throws Exception {
        JWK key = new ECKeyGenerator(Curve.P_256).generate();
        assertVerifies(key, JWSAlgorithm.ES256, new ECDSAVerifier(key.toECKey().toPublicJWK()));
    }

    private static void assertVerifies(JWK key, JWSAlgorithm algorithm, JWSVerifier jdkVerifier) throws Exception {
        JWSHeader header = new JWSHeader(algorithm);
        for (int i = 0; i < 3; i++) { // the translated key is used again and again
            Base64URL signature = NativeSigning.signer(key).sign(header, INPUT);
            assertTrue(jdkVerifier.verify(header, INPUT, signature), NativeSigning.description());
        }
    }
}
