package io.maxplatform.servicetoken;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/**
 * A copy of a platform's assertion that its issuer never signed: the same claims (the same JSON text) and the same
 * {@code kid}, signed with an {@link UnregisteredKey}. The check tool presents it and expects
 * {@code invalid_client}; a server that accepted it would trust an assertion's claims without checking who
 * signed them, which RFC 7523 §3 (item 9) forbids.
 */
final class ImpostorAssertion {

    /** The {@code kid} used when the platform's token names none. */
    static final String UNNAMED_KEY = "unregistered";

    private ImpostorAssertion() {
    }

    /**
     * @param assertion a JWS in compact form (RFC 7515 §7.1)
     * @throws IllegalArgumentException when {@code assertion} is no such JWS; the message never quotes it
     */
    static String of(String assertion) throws GeneralSecurityException {
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the assertion is not a JWS in compact form");
        }
        Map<String, Object> header;
        String claims;
        try {
            header = MiniJson.parseObject(decode(parts[0]));
            claims = decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the assertion's header or claims are not base64url JSON");
        }
        String algorithm = header.get("alg") instanceof String alg ? alg : "RS256";
        String keyId = header.get("kid") instanceof String kid ? kid : UNNAMED_KEY;
        return new ClientAssertionSigner(UnregisteredKey.forAlgorithm(algorithm), keyId).signClaims(claims);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
