package io.maxplatform.oauth.authentication;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client secrets at rest (src/site/markdown/operators.md, "Rotating secrets and keys"). A secret the server generated carries ≥ 256 random
 * bits, so a keyed HMAC-SHA-256 is enough (NIST SP 800-63B §5.1.2.2) and costs microseconds per request.
 * A secret chosen by a person gets PBKDF2-HMAC-SHA-256 at OWASP's 600,000 iterations. The stored form names
 * its scheme: {@code hmac-sha256$<hash>} or {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}.
 */
public final class SecretHasher {

    static final int PBKDF2_ITERATIONS = 600_000;
    private static final String HMAC_PREFIX = "hmac-sha256$";
    private static final String PBKDF2_PREFIX = "pbkdf2-sha256$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** Keyed once; each use works on a clone, as a provider lookup and key set-up per request cost measurably. */
    private final Mac keyedMac;
    private final SecureRandom random = new SecureRandom();

    public SecretHasher(byte[] hmacKey) {
        try {
            this.keyedMac = Mac.getInstance("HmacSHA256");
            this.keyedMac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** For a secret the server generated. */
    public String hashGenerated(String secret) {
        return HMAC_PREFIX + B64.encodeToString(mac(secret));
    }

    /** For a secret a person chose (the bootstrap secret from the environment). */
    public String hashChosen(String secret) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return PBKDF2_PREFIX + PBKDF2_ITERATIONS + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(pbkdf2(secret, salt, PBKDF2_ITERATIONS));
    }

    /** Whether verifying against {@code storedHash} is slow enough to be worth remembering. */
    public static boolean isSlow(String storedHash) {
        return storedHash.startsWith(PBKDF2_PREFIX);
    }

    /** Constant-time comparison against the stored form; an unknown or damaged form never matches. */
    public boolean matches(String secret, String storedHash) {
        if (storedHash.startsWith(HMAC_PREFIX)) {
            return MessageDigest.isEqual(mac(secret), decode(storedHash.substring(HMAC_PREFIX.length())));
        }
        if (storedHash.startsWith(PBKDF2_PREFIX)) {
            String[] parts = storedHash.substring(PBKDF2_PREFIX.length()).split("\\$");
            if (parts.length != 3) {
                return false;
            }
            byte[] expected = decode(parts[2]);
            return MessageDigest.isEqual(pbkdf2(secret, decode(parts[1]), Integer.parseInt(parts[0])), expected);
        }
        return false;
    }

    /** A keyed digest of a presented secret, for remembering a successful slow verification in memory. */
    public byte[] mac(String secret) {
        try {
            Mac mac = (Mac) keyedMac.clone();
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The HMAC-SHA-256 provider cannot be cloned", e);
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2-HMAC-SHA-256 unavailable", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return B64_DECODER.decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
