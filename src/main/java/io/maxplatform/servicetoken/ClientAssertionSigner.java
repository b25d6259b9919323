package io.maxplatform.servicetoken;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs a fresh client assertion for each token request ({@code private_key_jwt}, RFC 7523 §2.2): {@code iss}
 * and {@code sub} the client id, {@code aud} the server's issuer, a random {@code jti}, and an {@code exp}
 * one minute ahead. RS256 with an RSA key, ES256 with an EC P-256 key, with the JDK's own providers only.
 */
public final class ClientAssertionSigner {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final PrivateKey key;
    private final String keyId;
    private final String algorithm;
    private final String jcaAlgorithm;

    /**
     * @param key   an RSA key (RS256, at least 2048 bits) or an EC P-256 key (ES256)
     * @param keyId the {@code kid} of its public half in the client's registered JWK Set
     */
    public ClientAssertionSigner(PrivateKey key, String keyId) {
        this.key = Objects.requireNonNull(key);
        this.keyId = Objects.requireNonNull(keyId);
        if (key instanceof RSAPrivateKey) {
            algorithm = "RS256";
            jcaAlgorithm = "SHA256withRSA";
        } else if (key instanceof ECPrivateKey ec && isP256(ec)) {
            algorithm = "ES256";
            // JWS wants R || S (RFC 7518 §3.4), which this JDK algorithm writes directly; plain SHA256withECDSA writes DER.
            jcaAlgorithm = "SHA256withECDSAinP1363Format";
        } else {
            throw new IllegalArgumentException("The client key must be RSA (RS256) or EC P-256 (ES256)");
        }
    }

    /** A PKCS#8 PEM private key (label {@code PRIVATE KEY}, as {@code openssl genpkey} writes it). */
    public static PrivateKey readPkcs8Pem(String text) {
        Pem pem = Pem.parse(text);
        if (pem.label().equals("RSA PRIVATE KEY") || pem.label().equals("EC PRIVATE KEY")) {
            throw new IllegalArgumentException("The key is in PKCS#1/SEC 1 form; convert it to PKCS#8: "
                    + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        if (!pem.label().equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("Expected an unencrypted PKCS#8 private key, found PEM " + pem.label());
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pem.der()));
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("The private key is neither an RSA nor an EC PKCS#8 key");
    }

    /** NIST P-256 (secp256r1), told apart from other 256-bit curves by its group order. */
    static boolean isP256(ECKey key) {
        return P256_ORDER.equals(key.getParams().getOrder());
    }

    public String algorithm() {
        return algorithm;
    }

    /**
     * A new assertion for {@code clientId}, addressed to {@code audience} (the server's {@code issuer}, which it
     * accepts however the service reaches it), valid from {@code now}.
     */
    public String sign(String clientId, String audience, Instant now) {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        String claims = "{\"iss\":" + quoted(clientId) + ",\"sub\":" + quoted(clientId)
                + ",\"aud\":" + quoted(audience) + ",\"jti\":\"" + B64URL.encodeToString(jti)
                + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(LIFETIME).getEpochSecond() + "}";
        return signClaims(claims);
    }

    /**
     * {@code claims}, a JSON object as it is, signed into a JWS in compact form (RFC 7515 §7.1) whose header
     * names this signer's algorithm and key id.
     */
    String signClaims(String claims) {
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":" + quoted(keyId) + "}";
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the client assertion with " + algorithm, e);
        }
    }

    /** A JSON string (RFC 8259 §7). */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    @Override
    public String toString() {
        return "ClientAssertionSigner[" + algorithm + ", kid=" + keyId + "]";
    }
}
