package io.maxplatform.oauth.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Purpose-bound keys derived from {@code SECRET_KEY} (HKDF-Expand, RFC 5869, one block), so the key that
 * encrypts signing keys never doubles as the key that hashes client secrets.
 */
public final class DerivedKeys {

    public static final String CLIENT_SECRET_HASHING = "maxplatform/v1/client-secret-hashing";
    public static final String SIGNING_KEY_ENCRYPTION = "maxplatform/v1/signing-key-encryption";

    private DerivedKeys() {
    }

    /** 256 bits for {@code purpose}. */
    public static byte[] derive(String secretKey, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
