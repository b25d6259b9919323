package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher(new byte[32]);

    @Test
    void generatedSecretsUseAKeyedHash() {
        String secret = SecretGenerator.generate();
        String hash = hasher.hashGenerated(secret);

        assertTrue(hash.startsWith("hmac-sha256$"));
        assertFalse(hash.contains(secret));
        assertTrue(hasher.matches(secret, hash));
        assertFalse(hasher.matches(secret + "x", hash));
    }

    @Test
    void theHashDependsOnTheServerKey() {
        String secret = SecretGenerator.generate();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertFalse(new SecretHasher(otherKey).matches(secret, hasher.hashGenerated(secret)));
    }

    @Test
    void chosenSecretsUseSaltedPbkdf2() {
        String hash = hasher.hashChosen("service_maxplatform_2025_dev_secret");

        assertTrue(hash.startsWith("pbkdf2-sha256$" + SecretHasher.PBKDF2_ITERATIONS + "$"));
        assertTrue(SecretHasher.isSlow(hash));
        assertTrue(hasher.matches("service_maxplatform_2025_dev_secret", hash));
        assertFalse(hasher.matches("service_maxplatform_2025_dev_secreT", hash));
        assertNotEquals(hash, hasher.hashChosen("service_maxplatform_2025_dev_secret"), "a fresh salt each time");
    }

    @Test
    void damagedOrUnknownStoredFormsNeverMatch() {
        assertFalse(hasher.matches("x", "plain$x"));
        assertFalse(hasher.matches("x", "x"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$1$$"));
        assertFalse(hasher.matches("x", "hmac-sha256$***"));
    }

    @Test
    void generatedSecretsCarry256BitsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String secret = SecretGenerator.generate();
            assertTrue(secret.length() == 43 && secret.matches("[A-Za-z0-9_-]+"));
            assertTrue(seen.add(secret));
        }
    }
}
