package io.maxplatform.oauth.federation;

import com.nimbusds.jose.jwk.JWK;
import io.maxplatform.oauth.outbound.KeySource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A trust anchor as authentication reads it: an immutable copy of its row, shared between requests, with its
 * inline keys parsed once and its audiences resolved (an anchor that names none accepts this server's issuer and
 * its token endpoint URL). Exactly one of {@code inlineKeys} and {@code keySource} is present.
 */
public record Anchor(String name, AnchorKind kind, String issuer, Optional<List<JWK>> inlineKeys,
                     Optional<KeySource> keySource, Duration maxLifetime, List<String> audiences, boolean singleUse) {

    public Anchor {
        audiences = List.copyOf(audiences);
        inlineKeys = inlineKeys.map(List::copyOf);
        if (inlineKeys.isPresent() == keySource.isPresent()) {
            throw new IllegalArgumentException("an anchor has inline keys or a key source, one of the two");
        }
    }
}
