package io.maxplatform.oauth.registration;

import java.util.List;

/** What registering a service client asks for; the secret is generated, never chosen by the caller. */
public record NewClient(String clientId, String clientName, List<String> allowedScopes, List<String> defaultScopes,
                        Integer tokenLifetimeSeconds, RequestedAuthentication authentication,
                        List<String> allowedAudiences) {
}
