package io.maxplatform.oauth.metadata;

import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.scope.Scope;
import io.maxplatform.oauth.scope.ScopeRegistry;
import io.maxplatform.oauth.federation.Signatures;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Authorization server metadata, RFC 8414, at the guide's path and at the location RFC 8414 §3 derives
 * from the issuer ({@code /.well-known/oauth-authorization-server} + the issuer's path). Built once.
 */
@Path("")
@PermitAll
@ApplicationScoped
public class MetadataResource {

    @Inject
    ServerSettings settings;

    @Inject
    ScopeRegistry scopes;

    private volatile String document;

    @GET
    @Path("api/oauth/.well-known/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Response atGuidePath() {
        return metadata();
    }

    @GET
    @Path(".well-known/oauth-authorization-server/api/oauth")
    @Produces(MediaType.APPLICATION_JSON)
    public Response atRfc8414Path() {
        return metadata();
    }

    private Response metadata() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(document()).cacheControl(cache).build();
    }

    /**
     * RFC 7591 §2 names; private_key_jwt is RFC 7523 (ClientAuthenticator). federated_jwt is this server's own name
     * for a client that presents a trust anchor's identity token as its RFC 7523 assertion (services-without-secrets.md).
     */
    private static JsonArrayBuilder authMethods() {
        return Json.createArrayBuilder().add("client_secret_basic").add("client_secret_post").add("private_key_jwt")
                .add("federated_jwt");
    }

    /** What a client assertion may be signed with (Signatures): never none or an HMAC. */
    private static JsonArrayBuilder assertionAlgorithms() {
        JsonArrayBuilder names = Json.createArrayBuilder();
        Signatures.ALGORITHMS.forEach(algorithm -> names.add(algorithm.getName()));
        return names;
    }

    private String document() {
        if (document == null) {
            String issuer = settings.issuer();
            JsonArrayBuilder scopeNames = Json.createArrayBuilder();
            scopes.all().stream().map(Scope::name).forEach(scopeNames::add);
            document = Json.createObjectBuilder()
                    .add("issuer", issuer)
                    .add("token_endpoint", issuer + "/token")
                    .add("jwks_uri", issuer + "/jwks")
                    .add("revocation_endpoint", issuer + "/revoke")
                    .add("revocation_endpoint_auth_methods_supported", authMethods())
                    .add("revocation_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
                    .add("introspection_endpoint", issuer + "/introspect")
                    .add("introspection_endpoint_auth_methods_supported", authMethods())
                    .add("introspection_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
                    .add("grant_types_supported", Json.createArrayBuilder().add("client_credentials"))
                    .add("token_endpoint_auth_methods_supported", authMethods())
                    .add("token_endpoint_auth_signing_alg_values_supported", assertionAlgorithms())
                    .add("response_types_supported", Json.createArrayBuilder())
                    .add("scopes_supported", scopeNames)
                    .build().toString();
        }
        return document;
    }
}
