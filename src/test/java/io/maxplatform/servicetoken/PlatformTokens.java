package io.maxplatform.servicetoken;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/**
 * Identity tokens as a platform issues them to a workload (here a Kubernetes projected service-account token),
 * signed with a key the test generates: what a service presents from {@code SERVICE_CLIENT_ASSERTION_FILE}.
 */
final class PlatformTokens {

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final String KEY_ID = "cluster-key-1";

    private PlatformTokens() {
    }

    /** A token for {@code serviceAccount} of namespace {@code reports}, valid for an hour. */
    static String signed(KeyPair platformKey, String serviceAccount) {
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"system:serviceaccount:reports:" + serviceAccount
                + "\",\"aud\":[\"maxplatform\"],\"exp\":" + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}";
        return new ClientAssertionSigner(platformKey.getPrivate(), KEY_ID).signClaims(claims);
    }
}
