package io.maxplatform.oauth.admin;

import com.nimbusds.jose.jwk.JWKSet;
import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientAuthentication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.StringReader;
import java.text.ParseException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A client as the admin API shows it: never its secret or hash. */
public record ClientView(
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("client_name") String clientName,
        @JsonbProperty("allowed_scopes") List<String> allowedScopes,
        @JsonbProperty("default_scopes") List<String> defaultScopes,
        @JsonbProperty("grant_types") List<String> grantTypes,
        @JsonbProperty("token_lifetime_seconds") Integer tokenLifetimeSeconds,
        @JsonbProperty("is_active") boolean active,
        @JsonbProperty("is_confidential") boolean confidential,
        @JsonbProperty("created_at") OffsetDateTime createdAt,
        @JsonbProperty("updated_at") OffsetDateTime updatedAt,
        @JsonbProperty("secret_rotated_at") OffsetDateTime secretRotatedAt,
        @JsonbProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonbProperty("jwks") Map<String, Object> jwks,
        @JsonbProperty("jwks_uri") String jwksUri,
        @JsonbProperty("trust_anchor") String trustAnchor,
        @JsonbProperty("federated_subject") String federatedSubject,
        @JsonbProperty("federated_claims") JsonObject federatedClaims,
        @JsonbProperty("allow_default_service_account") Boolean allowDefaultServiceAccount,
        @JsonbProperty("allowed_audiences") List<String> allowedAudiences,
        @JsonbProperty("version") long version) {

    static ClientView of(Client c) {
        ClientAuthentication a = c.authentication();
        return new ClientView(c.clientId(), c.clientName(), c.allowedScopes(), c.defaultScopes(), c.grantTypes(),
                c.tokenLifetimeSeconds().orElse(null), c.isActive(), c.isConfidential(), c.createdAt(), c.updatedAt(),
                c.hasSecret() ? c.secretRotatedAt() : null, a.method(), publicKeys(a.jwks()), a.jwksUri(),
                a.trustAnchor(), a.federatedSubject(),
                a.federatedClaims() == null ? null : Json.createReader(new StringReader(a.federatedClaims())).readObject(),
                a.isFederated() ? a.defaultAccountAllowed() : null, c.allowedAudiences(), c.version());
    }

    /** The registered JWK Set, public members only (it holds nothing else). */
    private static Map<String, Object> publicKeys(String jwks) {
        try {
            return jwks == null ? null : JWKSet.parse(jwks).toJSONObject(true);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored JWK Set is damaged", e);
        }
    }
}
