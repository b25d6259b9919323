package io.maxplatform.oauth.outbound;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a fetched key set is fresh: what its server says, kept within bounds. {@code Cache-Control: max-age}
 * (RFC 9111 §5.2.2.1) for a JWK Set or discovery document, {@code spiffe_refresh_hint} for a SPIFFE bundle;
 * {@code no-store} and {@code no-cache} (§5.2.2.4, §5.2.2.5) count as the least. At least a minute, so that
 * a server asking for no caching does not turn every token into a fetch; at most a day, so that a key the
 * issuer withdrew is not trusted for longer. Five minutes where the server says nothing. Pure logic.
 */
final class Freshness {

    static final Duration MIN = Duration.ofSeconds(60);
    static final Duration MAX = Duration.ofHours(24);
    static final Duration DEFAULT = Duration.ofMinutes(5);

    private Freshness() {
    }

    /** From the {@code Cache-Control} header's directives (several header lines joined by commas). */
    static Duration fromCacheControl(Optional<String> header) {
        Optional<Duration> maxAge = Optional.empty();
        for (String directive : header.orElse("").split(",")) {
            String name = directive.strip().toLowerCase(Locale.ROOT);
            if (name.equals("no-store") || name.equals("no-cache")) {
                return MIN;
            }
            if (name.startsWith("max-age=") && maxAge.isEmpty()) {
                maxAge = seconds(name.substring("max-age=".length()).replace("\"", ""));
            }
        }
        return bounded(maxAge.orElse(DEFAULT));
    }

    static Duration bounded(Duration maxAge) {
        if (maxAge.compareTo(MIN) < 0) {
            return MIN;
        }
        return maxAge.compareTo(MAX) > 0 ? MAX : maxAge;
    }

    /** Delta-seconds (RFC 9111 §1.2.2): digits; an unreadable value counts as none. */
    private static Optional<Duration> seconds(String value) {
        if (!value.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
}
