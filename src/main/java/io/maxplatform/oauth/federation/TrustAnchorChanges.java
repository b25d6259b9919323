package io.maxplatform.oauth.federation;

import java.util.List;
import java.util.Optional;

/**
 * What registering ({@code version} ignored) or changing a trust anchor asks for. A null component is "not given";
 * for the three key fields, {@code Optional.empty()} is an explicit JSON null, which clears the field (an anchor
 * with neither {@code jwks} nor {@code jwks_uri} reads its keys through its issuer's discovery document).
 */
public record TrustAnchorChanges(String name, String kind, String issuer, Optional<String> jwks,
                                 Optional<String> jwksUri, Optional<String> caBundle,
                                 Integer maxAssertionLifetimeSeconds, List<String> audiences, Boolean singleUse,
                                 long version) {
}
