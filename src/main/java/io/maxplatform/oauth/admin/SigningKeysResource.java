package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.key.KeyPublication;
import io.maxplatform.oauth.key.KeyRing;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.rotation.KeyRotation;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/system/keys}: the token-signing keys (public parts only) and their rotation. */
@Path("api/admin/system/keys")
@DenyAll
@Tag(name = "System admin", description = "Requires a Bearer token with admin:system (or admin:full)")
@SecurityRequirement(name = "bearer", scopes = "admin:system")
@APIResponse(responseCode = "401", description = "No token, or an invalid, expired or foreign one",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@APIResponse(responseCode = "403", description = "The token lacks admin:system",
        content = @Content(schema = @Schema(implementation = DetailView.class)))
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeysResource {

    @Inject
    AdminCalls calls;

    @Inject
    SigningKeys keys;

    @Inject
    KeyPublication publication;

    @Inject
    KeyRotation rotation;

    @Inject
    ServerSettings settings;

    @Operation(summary = "Every stored signing key with its state and dates, and the rotation settings")
    @APIResponse(responseCode = "200", description = "Keys oldest first; public parts only",
            content = @Content(schema = @Schema(implementation = SigningKeysView.class)))
    @GET
    @RolesAllowed("admin:system")
    public SigningKeysView list() {
        return calls.read("admin_signing_keys_read", null, this::view);
    }

    @Operation(summary = "Rotate now. Planned: the new key is published at once and signs after publish_ahead_seconds. "
            + "emergency=true (a compromised key): every key is withdrawn at once and the new key signs immediately")
    @APIResponse(responseCode = "200", description = "The keys after the rotation",
            content = @Content(schema = @Schema(implementation = SigningKeysView.class)))
    @APIResponse(responseCode = "400", description = "A bad emergency parameter",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @APIResponse(responseCode = "409", description = "A planned rotation is already under way",
            content = @Content(schema = @Schema(implementation = DetailView.class)))
    @POST
    @Path("rotate")
    @RolesAllowed("admin:system")
    public SigningKeysView rotate(@QueryParam("emergency") String emergency) {
        calls.perform("admin_signing_key_rotated", call -> {
            boolean now = Boolean.TRUE.equals(QueryParameters.bool("emergency", emergency));
            call.detail(now ? "emergency: every earlier key withdrawn" : "planned");
            KeyRing.Key created = rotation.rotateNow(now);
            call.target(created.kid());
            return created;
        });
        return view(); // committed by now, and so in the server's keys
    }

    private SigningKeysView view() {
        Instant now = Instant.now();
        KeyRing ring = keys.ring();
        return new SigningKeysView(ring.keys().stream().map(key -> SigningKeysView.Item.of(key, now)).toList(),
                publication.jwksMaxAge().toSeconds(), publication.publishAhead().toSeconds(), settings.signingKeyRotationDays(),
                rotation.nextScheduledRotation(now).orElse(null));
    }
}
