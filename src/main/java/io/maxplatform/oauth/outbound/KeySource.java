package io.maxplatform.oauth.outbound;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key set is fetched from. Equal sources share one cache entry in {@link RemoteKeySets}; a changed
 * source (another URL, reach or CA bundle) is a new entry, so nothing needs invalidating when a registration
 * changes.
 *
 * @param kind         what the URL serves
 * @param uri          the URL, or for {@link Kind#DISCOVERY} the issuer
 * @param reach        who configured it, which decides what it may reach
 * @param caBundlePem  PEM certificates that alone are trusted for its HTTPS connections; empty: the JVM's
 *                     default trust store
 */
public record KeySource(Kind kind, URI uri, Reach reach, Optional<String> caBundlePem) {

    public KeySource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(caBundlePem, "caBundlePem");
    }

    /** As messages name it: its kind and URL, without query ("the JWK Set https://keys.example/jwks"). */
    String described() {
        return "the " + kind.description() + " " + FetchFailed.shown(uri);
    }

    public enum Kind {

        /** {@code uri} serves a JWK Set (RFC 7517 §5). */
        JWKS("JWK Set"),

        /**
         * {@code uri} is an issuer: {@code GET <issuer without trailing slash>/.well-known/openid-configuration}
         * (OpenID Connect Discovery 1.0 §4, RFC 8414 §3); its {@code issuer} must equal {@code uri} exactly
         * (§4.3), then its {@code jwks_uri} is fetched under the same rules (scheme, reach, CA bundle).
         */
        DISCOVERY("issuer"),

        /**
         * {@code uri} serves a SPIFFE trust bundle (SPIFFE Trust Domain and Bundle §4, from a bundle endpoint,
         * §5): a JWK Set whose keys for JWT-SVIDs carry {@code "use":"jwt-svid"} (§4.2.2); only those keys are
         * used, and its {@code spiffe_refresh_hint} (seconds, §4.1.2) is the set's max age.
         */
        SPIFFE_BUNDLE("SPIFFE bundle");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** As messages name it: "JWK Set", "issuer", "SPIFFE bundle". */
        String description() {
            return description;
        }
    }
}
