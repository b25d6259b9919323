package io.maxplatform.oauth.outbound;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A key set as fetched: its usable keys, when the fetch began, and until when it is fresh. Past that it is
 * fetched again, and while the fetch fails it still serves, up to {@link #STALE_LIMIT} past its freshness: an
 * issuer's short outage must not stop its clients, but a set that could not be checked for a day may hold a
 * key the issuer withdrew, and is no longer trusted.
 */
record FetchedKeys(List<JWK> keys, Instant fetchedAt, Instant freshUntil) {

    static final Duration STALE_LIMIT = Duration.ofHours(24);

    boolean isFreshAt(Instant now) {
        return now.isBefore(freshUntil);
    }

    boolean isUsableAt(Instant now) {
        return now.isBefore(freshUntil.plus(STALE_LIMIT));
    }
}
