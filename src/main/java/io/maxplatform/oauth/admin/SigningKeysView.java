package io.maxplatform.oauth.admin;

import com.nimbusds.jose.jwk.JWK;
import io.maxplatform.oauth.key.KeyRing;
import jakarta.json.bind.annotation.JsonbProperty;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The signing keys as the admin API shows them: public parts and dates, never a private member. */
public record SigningKeysView(
        @JsonbProperty("items") List<Item> items,
        @JsonbProperty("jwks_max_age_seconds") long jwksMaxAgeSeconds,
        @JsonbProperty("publish_ahead_seconds") long publishAheadSeconds,
        @JsonbProperty("rotation_period_days") int rotationPeriodDays,
        @JsonbProperty("next_scheduled_rotation") Instant nextScheduledRotation) {

    public record Item(
            @JsonbProperty("kid") String kid,
            @JsonbProperty("algorithm") String algorithm,
            @JsonbProperty("state") String state,
            @JsonbProperty("created_at") Instant createdAt,
            @JsonbProperty("activates_at") Instant activatesAt,
            @JsonbProperty("retired_at") Instant retiredAt,
            @JsonbProperty("published_until") Instant publishedUntil,
            @JsonbProperty("withdrawn_at") Instant withdrawnAt,
            @JsonbProperty("public_jwk") Map<String, Object> publicJwk) {

        static Item of(KeyRing.Key key, Instant now) {
            return new Item(key.kid(), key.algorithm(), key.stateAt(now).name().toLowerCase(Locale.ROOT), key.createdAt(),
                    key.activatesAt(), key.retiredAt(), key.publishedUntil(), key.withdrawnAt(), publicMembers(key));
        }

        private static Map<String, Object> publicMembers(KeyRing.Key key) {
            try {
                return JWK.parse(key.publicJwk()).toPublicJWK().toJSONObject();
            } catch (ParseException e) {
                throw new IllegalStateException("A stored public key is damaged", e);
            }
        }
    }
}
