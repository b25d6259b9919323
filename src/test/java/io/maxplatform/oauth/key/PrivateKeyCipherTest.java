package io.maxplatform.oauth.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.config.DerivedKeys;
import org.junit.jupiter.api.Test;

class PrivateKeyCipherTest {

    private final PrivateKeyCipher cipher = new PrivateKeyCipher(
            DerivedKeys.derive("a-secret-key-of-at-least-32-characters", DerivedKeys.SIGNING_KEY_ENCRYPTION));

    @Test
    void roundTripsAndHidesThePlaintext() {
        String sealed = cipher.encrypt("{\"d\":\"private\"}", "kid-1");

        assertFalse(sealed.contains("private"));
        assertEquals("{\"d\":\"private\"}", cipher.decrypt(sealed, "kid-1"));
    }

    @Test
    void anotherSecretKeyOrAnotherKidCannotDecrypt() {
        String sealed = cipher.encrypt("{\"d\":\"private\"}", "kid-1");
        PrivateKeyCipher other = new PrivateKeyCipher(
                DerivedKeys.derive("another-secret-key-of-32-characters!!", DerivedKeys.SIGNING_KEY_ENCRYPTION));

        assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "kid-1"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "kid-2"));
    }

    @Test
    void purposesDeriveDifferentKeys() {
        assertFalse(java.util.Arrays.equals(DerivedKeys.derive("k", DerivedKeys.SIGNING_KEY_ENCRYPTION),
                DerivedKeys.derive("k", DerivedKeys.CLIENT_SECRET_HASHING)));
    }
}
