package io.maxplatform.oauth.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.metrics.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Key sets of other servers, fetched and cached: a client's {@code jwks_uri} (RFC 7591 §2, OpenID Connect Core
 * §10.1.1 for why a URL rather than the keys) and the issuers, JWK Sets and SPIFFE bundles of trust anchors.
 * Every fetch is held to {@link UrlRules} (https, the allow-list and public addresses for a client's URL) and
 * {@link BoundedGet} (timeouts, a bounded body, no redirects); what it returns is filtered by
 * {@link KeySetDocument}.
 * <p>
 * Each source's set is cached ({@link Freshness}: its server's max-age, within a minute and a day). A stale set is
 * fetched again on the next request; while that fails the last good set is served, for up to a day past its
 * freshness ({@link FetchedKeys}), the failure is logged once per streak and counted
 * ({@code maxplatform.outbound.key.fetch.failures}). However requests arrive, each source is fetched at most
 * once per {@code OUTBOUND_REFETCH_INTERVAL_SECONDS} (after a failure, and for a key id the set lacks), so
 * tokens naming made-up key ids cannot make this server hammer an issuer; and at most one fetch of a source is
 * under way at a time, the other requests for it waiting for its answer (bounded by the fetch's own timeouts)
 * rather than starting their own.
 */
@ApplicationScoped
public class RemoteKeySets {

    private static final Logger LOG = Logger.getLogger(RemoteKeySets.class.getName());
    /** Sources with a cached set; past this the least used are forgotten (and fetched again when next asked for). */
    static final int MAX_SOURCES = 1_000;

    @Inject
    ServerSettings settings;

    @Inject
    ServerMetrics metrics;

    Clock clock = Clock.systemUTC();
    BoundedGet http = BoundedGet.withDefaultLimits();

    /** A source's state; its lock is held for the one fetch under way. */
    private static final class SourceState {
        final ReentrantLock fetching = new ReentrantLock();
        volatile FetchedKeys lastGood;
        /** Guarded by {@link #fetching}. */
        Instant lastAttempt;
        /** Why the last attempt failed; null after a success. Guarded by {@link #fetching}. */
        String failure;
    }

    private final Cache<KeySource, SourceState> sources = Caffeine.newBuilder().maximumSize(MAX_SOURCES)
            // Housekeeping on the calling thread: no pool threads of our own inside an app server.
            .executor(Runnable::run).build();

    /** At start, so that the failure series are there at 0 before the first failure, as an alert's increase() needs. */
    void expectFailures(@Observes @Initialized(ApplicationScoped.class) Object start) {
        metrics.expectKeyFetchFailures(Stream.of(KeySource.Kind.values()).map(RemoteKeySets::tag).toList(),
                Stream.of(Reach.values()).map(RemoteKeySets::tag).toList());
    }

    /**
     * The source's keys: from the cache while fresh; fetched when absent or stale.
     *
     * @throws KeysUnavailable when there is no usable set: the fetch failed and no earlier set may stand in
     */
    public List<JWK> keys(KeySource source) {
        SourceState state = state(source);
        FetchedKeys cached = state.lastGood;
        if (cached != null && cached.isFreshAt(clock.instant())) {
            return cached.keys();
        }
        return refresh(source, state, false);
    }

    /**
     * The same, but when no key has this {@code kid} and the last fetch attempt for this source was at least the
     * refetch interval ago, fetched again first: the issuer may have rotated to a key published after the cached
     * set was fetched (OpenID Connect Core §10.1.1). Never more than one fetch attempt per source per interval.
     * Keys without a {@code kid} are returned as candidates too. A JWS that names no {@code kid} gets
     * {@link #keys}.
     *
     * @throws KeysUnavailable when there is no usable set
     */
    public List<JWK> keysWithKid(KeySource source, String kid) {
        List<JWK> keys = keys(source);
        if (kid == null) {
            return keys;
        }
        if (keys.stream().anyMatch(key -> Objects.equals(kid, key.getKeyID()))) {
            return keys;
        }
        return refresh(source, state(source), true);
    }

    /**
     * Registration-time check of a URL the caller wants to store, for that reach: scheme (https, or http only when
     * {@code OUTBOUND_ALLOW_HTTP=true}), no user information, no fragment, a host, and for {@link Reach#CLIENT} the
     * host on {@code OUTBOUND_ALLOWED_HOSTS}. Does not fetch, and does not resolve the host: its addresses are
     * checked at every fetch, since DNS answers change.
     *
     * @throws UnacceptableUrl with a message for the API caller
     */
    public void checkAcceptable(URI uri, Reach reach) {
        UrlRules.of(settings).check(uri, reach);
    }

    /**
     * Registration-time check of a CA bundle: PEM certificates (RFC 7468 §5), every block readable.
     *
     * @throws UnacceptableUrl with a message for the API caller
     */
    public static void checkCaBundle(String pem) {
        CaBundle.sslContext(pem);
    }

    /**
     * Keys given inline by a trust anchor, as a JWK Set ({@link KeySource.Kind#JWKS}) or a SPIFFE bundle
     * ({@link KeySource.Kind#SPIFFE_BUNDLE}), filtered as fetched sets are ({@link KeySetDocument}).
     *
     * @throws UnacceptableKeySet when it is not one, or holds no usable key (the message says why each was left out)
     */
    public static List<JWK> parseInline(KeySource.Kind kind, String json) {
        if (kind == KeySource.Kind.DISCOVERY) {
            throw new IllegalArgumentException("An issuer's keys are fetched, never given inline");
        }
        KeySetDocument document = KeySetDocument.parse(kind, json);
        if (document.keys().isEmpty()) {
            throw new UnacceptableKeySet("The " + kind.description() + " has no usable key (RSA of at least "
                    + KeySetDocument.MIN_RSA_BITS + " bits or EC P-256, public, " + (kind == KeySource.Kind.SPIFFE_BUNDLE
                    ? "use jwt-svid" : "use sig or none") + ")" + (document.leftOut().isEmpty() ? ""
                    : ": " + String.join("; ", document.leftOut())));
        }
        return document.keys();
    }

    /** How long a request with no keys at all waits for a fetch in flight: a discovery fetch is two requests. */
    static final Duration MAX_WAIT_FOR_FETCH = Duration.ofSeconds(12);

    private SourceState state(KeySource source) {
        return sources.get(source, unused -> new SourceState());
    }

    /**
     * A fetch, unless one was attempted within the refetch interval; then what the last one left. While a fetch is
     * under way, a request that has a set to go on with (stale but usable, or fresh but without its {@code kid})
     * takes that set rather than wait for the network: a slow issuer must not hold a thread per request. Only a
     * request with nothing to go on waits for the fetch in flight, at most as long as a fetch may take.
     */
    private List<JWK> refresh(KeySource source, SourceState state, boolean unknownKid) {
        if (!state.fetching.tryLock()) {
            FetchedKeys cached = state.lastGood;
            if (cached != null && cached.isUsableAt(clock.instant())) {
                return cached.keys();
            }
            try {
                if (!state.fetching.tryLock(MAX_WAIT_FOR_FETCH.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw KeysUnavailable.of(source, "a fetch is under way and has not answered within "
                            + MAX_WAIT_FOR_FETCH.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw KeysUnavailable.of(source, "interrupted while waiting for a fetch under way");
            }
        }
        try {
            Instant now = clock.instant();
            FetchedKeys cached = state.lastGood;
            if (!unknownKid && cached != null && cached.isFreshAt(now)) {
                return cached.keys();
            }
            if (state.lastAttempt != null && now.isBefore(state.lastAttempt.plus(settings.outboundRefetchInterval()))) {
                return served(source, state, now);
            }
            state.lastAttempt = now;
            try {
                FetchedKeys fetched = new KeySetFetcher(UrlRules.of(settings), http).fetch(source, now);
                if (state.failure != null) {
                    LOG.info(() -> "Keys fetched again from " + source.described());
                }
                state.lastGood = fetched;
                state.failure = null;
                return fetched.keys();
            } catch (FetchFailed failed) {
                metrics.keyFetchFailed(tag(source.kind()), tag(source.reach()));
                if (state.failure == null) {
                    LOG.warning(FailureLog.redact("Keys could not be fetched from " + source.described() + ": "
                            + failed.getMessage() + (cached != null && cached.isUsableAt(now)
                            ? "; the set fetched at " + cached.fetchedAt() + " is served meanwhile, until "
                                    + cached.freshUntil().plus(FetchedKeys.STALE_LIMIT) + " at the latest"
                            : "; there is no set to serve meanwhile")
                            + ". Tried again at most every " + settings.outboundRefetchInterval().toSeconds()
                            + " s; logged once until it answers."));
                }
                state.failure = failed.getMessage();
                return served(source, state, now);
            }
        } finally {
            state.fetching.unlock();
        }
    }

    /** The last good set while it may still serve; otherwise why there is none. */
    private static List<JWK> served(KeySource source, SourceState state, Instant now) {
        FetchedKeys lastGood = state.lastGood;
        if (lastGood != null && lastGood.isUsableAt(now)) {
            return lastGood.keys();
        }
        String reason = state.failure == null ? "no fetch may be attempted yet" : state.failure;
        throw KeysUnavailable.of(source, lastGood == null ? reason
                : reason + "; the last good set, fresh until " + lastGood.freshUntil() + ", is more than "
                        + FetchedKeys.STALE_LIMIT.toHours() + " h past it");
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
