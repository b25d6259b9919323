package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.federation.TrustAnchor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A trust anchor as the admin API shows it. {@code keys_from} says where its keys come from: {@code jwks} (inline),
 * {@code jwks_uri}, or {@code discovery} (the issuer's {@code /.well-known/openid-configuration}). {@code audiences}
 * are those its tokens must name one of, this server's defaults included when it names none of its own.
 */
public record TrustAnchorView(
        @JsonbProperty("name") String name,
        @JsonbProperty("kind") String kind,
        @JsonbProperty("issuer") String issuer,
        @JsonbProperty("keys_from") String keysFrom,
        @JsonbProperty("jwks") JsonObject jwks,
        @JsonbProperty("jwks_uri") String jwksUri,
        @JsonbProperty("ca_bundle") String caBundle,
        @JsonbProperty("max_assertion_lifetime_seconds") int maxAssertionLifetimeSeconds,
        @JsonbProperty("audiences") List<String> audiences,
        @JsonbProperty("audiences_are_default") boolean audiencesAreDefault,
        @JsonbProperty("single_use") boolean singleUse,
        @JsonbProperty("version") long version,
        @JsonbProperty("created_at") OffsetDateTime createdAt,
        @JsonbProperty("updated_at") OffsetDateTime updatedAt) {

    static TrustAnchorView of(TrustAnchor anchor, List<String> effectiveAudiences) {
        String keysFrom = anchor.jwks() != null ? "jwks" : anchor.jwksUri() != null ? "jwks_uri" : "discovery";
        JsonObject jwks = anchor.jwks() == null ? null : Json.createReader(new StringReader(anchor.jwks())).readObject();
        return new TrustAnchorView(anchor.name(), anchor.kind().externalName(), anchor.issuer(), keysFrom, jwks,
                anchor.jwksUri(), anchor.caBundle(), anchor.maxAssertionLifetimeSeconds(), effectiveAudiences,
                anchor.audiences().isEmpty(), anchor.singleUse(), anchor.version(), anchor.createdAt(), anchor.updatedAt());
    }

}
