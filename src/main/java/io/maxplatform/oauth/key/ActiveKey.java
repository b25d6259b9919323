package io.maxplatform.oauth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A key that signs, with its token header already encoded: the header is the same for every token the key
 * signs. It says {@code typ: JWT}, not RFC 9068's {@code at+jwt}: Payara's MicroProfile JWT refuses
 * {@code at+jwt} (measured on 6.2025.10), and the server's own admin API must accept its tokens.
 */
public record ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, JWSHeader header, String encodedHeader) {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
        this(kid, algorithm, signer, new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build());
    }

    private ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer, JWSHeader header) {
        this(kid, algorithm, signer, header, header.toBase64URL().toString());
    }

    /**
     * The JWS Compact Serialization (RFC 7515 §7.1) of {@code claimsJson}. The payload is encoded with the
     * JDK's Base64 (a JIT intrinsic): nimbus's constant-time codec took a seventh of a token's CPU (JFR),
     * and constant time protects nothing in a token its holder can read anyway.
     */
    public String sign(String claimsJson) {
        String signingInput = encodedHeader + "." + BASE64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            return signingInput + "." + signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign with key " + kid, e);
        }
    }
}
