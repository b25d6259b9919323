package io.maxplatform.oauth.registration;

import java.util.List;
import java.util.Optional;

/**
 * A partial update of a client. A {@code null} component is "not given"; {@code tokenLifetimeSeconds} as
 * {@code Optional.empty()} clears the client's own lifetime. {@code version} is the version the caller saw.
 */
public record ClientChanges(String clientName, List<String> allowedScopes, List<String> defaultScopes, Boolean active,
                            Optional<Integer> tokenLifetimeSeconds, RequestedAuthentication authentication,
                            List<String> allowedAudiences, long version) {
}
