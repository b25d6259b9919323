package io.maxplatform.oauth.federation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of issuer a trust anchor is, and what its identity tokens look like by default.
 *
 * <ul>
 * <li>{@link #KUBERNETES}: a cluster's service-account issuer. A pod's projected token lives an hour by default
 * ({@code expirationSeconds} 3600; the kubelet rewrites it at 80 % of that) and is sent again and again until
 * rewritten, so it is not single use, and an hour is what the lifetime must allow.</li>
 * <li>{@link #SPIFFE}: a trust domain's JWT-SVIDs. SPIRE issues them for 5 minutes by default and its agent hands the
 * same SVID to every fetch until half of that passed, so they too are reused; 10 minutes leaves room for a modestly
 * raised TTL. The anchor is found by the trust domain of {@code sub}: a JWT-SVID need not carry {@code iss}
 * (JWT-SVID §3).</li>
 * <li>{@link #OIDC}: any OpenID Connect issuer (a CI system's job tokens, a cloud's workload identity). Their tokens
 * are typically fetched per use and carry a {@code jti}, so each is accepted once; 10 minutes covers the usual
 * 5-to-10-minute job tokens.</li>
 * </ul>
 */
public enum AnchorKind {

    OIDC(Duration.ofMinutes(10), true),
    KUBERNETES(Duration.ofHours(1), false),
    SPIFFE(Duration.ofMinutes(10), false);

    private final Duration defaultMaxLifetime;
    private final boolean singleUseByDefault;

    AnchorKind(Duration defaultMaxLifetime, boolean singleUseByDefault) {
        this.defaultMaxLifetime = defaultMaxLifetime;
        this.singleUseByDefault = singleUseByDefault;
    }

    public Duration defaultMaxLifetime() {
        return defaultMaxLifetime;
    }

    public boolean singleUseByDefault() {
        return singleUseByDefault;
    }

    /** The name the API and the database use. */
    public String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnchorKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.externalName().equals(name)).findFirst();
    }
}
