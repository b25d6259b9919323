package io.maxplatform.oauth.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** One spelling per token: any bytes encode to an accepted form, any foreign character makes it refused. */
class CompactJwsPropertyTest {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Provide
    Arbitrary<Character> foreign() {
        return Arbitraries.chars().filter(c -> !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')
                && !(c >= '0' && c <= '9') && c != '-' && c != '_');
    }

    @Property(tries = 2000)
    void encodedBytesAreCanonical(@ForAll @Size(min = 1, max = 64) byte[] header, @ForAll @Size(min = 1, max = 64) byte[] payload,
                                  @ForAll @Size(min = 1, max = 300) byte[] signature) {
        assertTrue(CompactJws.isCanonical(ENCODER.encodeToString(header) + "." + ENCODER.encodeToString(payload) + "."
                + ENCODER.encodeToString(signature)));
    }

    @Property(tries = 3000)
    void anyForeignCharacterAnywhereIsRefused(@ForAll @Size(min = 1, max = 64) byte[] header,
                                              @ForAll @Size(min = 1, max = 300) byte[] signature,
                                              @ForAll("foreign") char inserted, @ForAll int position) {
        String token = ENCODER.encodeToString(header) + ".e30." + ENCODER.encodeToString(signature);
        int at = Math.floorMod(position, token.length() + 1);
        String mutated = token.substring(0, at) + inserted + token.substring(at);

        assertFalse(CompactJws.isCanonical(mutated), mutated);
    }
}
