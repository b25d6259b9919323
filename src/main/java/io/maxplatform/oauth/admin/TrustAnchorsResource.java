package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.federation.TrustAnchor;
import io.maxplatform.oauth.federation.TrustAnchorChanges;
import io.maxplatform.oauth.federation.TrustAnchorService;
import io.maxplatform.oauth.web.BoundedBody;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/system/trust-anchors}: the issuers whose identity tokens authenticate {@code federated_jwt}
 * clients (services-without-secrets.md).
 */
@Path("api/admin/system/trust-anchors")
@DenyAll
@Tag(name = "System admin", description = "Requires a Bearer token with admin:system (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:system")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:system",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@Produces(MediaType.APPLICATION_JSON)
public class TrustAnchorsResource {

    static final int MAX_BODY_BYTES = 128 * 1024;
    private static final Set<String> FIELDS = Set.of("name", "kind", "issuer", "jwks", "jwks_uri", "ca_bundle",
            "max_assertion_lifetime_seconds", "audiences", "single_use");

    @Inject
    AdminCalls calls;

    @Inject
    TrustAnchorService anchors;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Operation(summary = "Every trust anchor")
    @APIResponse(responseCode = "200", description = "The anchors by name",
            content = @Content(schema = @Schema(implementation = TrustAnchorsView.class)))
    @GET
    @RolesAllowed("admin:system")
    public TrustAnchorsView list() {
        return calls.read("admin_trust_anchors_listed", null,
                () -> new TrustAnchorsView(anchors.all().stream().map(this::view).toList()));
    }

    @Operation(summary = "One trust anchor")
    @APIResponse(responseCode = "200", description = "The anchor",
            content = @Content(schema = @Schema(implementation = TrustAnchorView.class)))
    @APIResponse(responseCode = "404", description = "No such anchor",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @GET
    @Path("{name}")
    @RolesAllowed("admin:system")
    public TrustAnchorView get(@PathParam("name") String name) {
        return calls.read("admin_trust_anchor_read", name, () -> view(anchors.get(name)));
    }

    @Operation(summary = "Register a trust anchor: kind (oidc, kubernetes, spiffe), issuer, and its keys (jwks inline, "
            + "jwks_uri, or neither for discovery from the issuer)")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = TrustAnchorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or unknown field",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "The name or the issuer is taken",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @RolesAllowed("admin:system")
    public Response create(InputStream input) {
        String body = BoundedBody.read(input, MAX_BODY_BYTES).orElse(null);
        TrustAnchorView created = calls.perform("admin_trust_anchor_created", JsonBody.peekString(body, "name"), () -> {
            JsonBody json = JsonBody.parse(JsonBody.requireJson(body, MAX_BODY_BYTES, headers.getMediaType()), FIELDS);
            return view(anchors.create(changes(json, json.requiredString("name"), 0)));
        });
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @Operation(summary = "Change an anchor (optimistic locking on version); jwks or jwks_uri null returns to discovery")
    @APIResponse(responseCode = "200", description = "The changed anchor",
            content = @Content(schema = @Schema(implementation = TrustAnchorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or missing version",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "404", description = "No such anchor",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "A stale version, or the issuer is another anchor's",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @PATCH
    @Path("{name}")
    @RolesAllowed("admin:system")
    public TrustAnchorView update(@PathParam("name") String name, InputStream input) {
        String body = BoundedBody.read(input, MAX_BODY_BYTES).orElse(null);
        return calls.perform("admin_trust_anchor_updated", name, () -> {
            JsonBody json = JsonBody.parse(JsonBody.requireJson(body, MAX_BODY_BYTES, headers.getMediaType()), union(FIELDS, "version"));
            if (json.has("name") && !name.equals(json.string("name"))) {
                throw ApiException.badRequest("name cannot change");
            }
            return view(anchors.update(name, changes(json, name, json.requiredLong("version"))));
        });
    }

    @Operation(summary = "Remove an anchor no client names")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such anchor",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "Clients name it",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @DELETE
    @Path("{name}")
    @RolesAllowed("admin:system")
    public Response delete(@PathParam("name") String name) {
        calls.perform("admin_trust_anchor_deleted", name, () -> {
            anchors.delete(name);
            return null;
        });
        return Response.noContent().build();
    }

    private static TrustAnchorChanges changes(JsonBody json, String name, long version) {
        return new TrustAnchorChanges(name, json.string("kind"), json.string("issuer"), nullable(json, "jwks", true),
                nullable(json, "jwks_uri", false), nullable(json, "ca_bundle", false),
                json.integer("max_assertion_lifetime_seconds"), json.strings("audiences"), json.bool("single_use"), version);
    }

    /** Not given: null; JSON null: empty; else the value (a JSON object's text, or a string). */
    private static Optional<String> nullable(JsonBody json, String field, boolean object) {
        if (!json.has(field)) {
            return null;
        }
        if (json.isNull(field)) {
            return Optional.empty();
        }
        return Optional.of(object ? json.objectText(field) : json.string(field));
    }

    private TrustAnchorView view(TrustAnchor anchor) {
        return TrustAnchorView.of(anchor, anchors.effectiveAudiences(anchor));
    }

    private static Set<String> union(Set<String> fields, String more) {
        var all = new java.util.HashSet<>(fields);
        all.add(more);
        return all;
    }
}
