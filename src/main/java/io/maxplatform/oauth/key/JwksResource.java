package io.maxplatform.oauth.key;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/oauth/jwks}: the public keys that verify this server's tokens (RFC 7517). */
@Path("api/oauth/jwks")
@PermitAll
public class JwksResource {

    @Inject
    SigningKeys keys;

    @Inject
    KeyPublication publication;

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        // Verifiers refetch after this; a new key is published longer than this before it signs.
        cache.setMaxAge((int) publication.jwksMaxAge().toSeconds());
        return Response.ok(keys.publishedJwks()).cacheControl(cache).build();
    }
}
