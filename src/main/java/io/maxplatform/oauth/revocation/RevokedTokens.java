package io.maxplatform.oauth.revocation;

import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens revoked before their expiry, by {@code jti}, held in memory so the check on every protected
 * request and introspection costs no database round trip: read once at start-up, each revocation added
 * after it commits, each made through another instance when PostgreSQL announces it, entries dropped once their
 * token has expired anyway.
 */
@ApplicationScoped
public class RevokedTokens implements ReplicatedView {

    @Inject
    RevokedTokenRepository repository;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeedStatus feed;

    Clock clock = Clock.systemUTC();

    private final Map<String, Long> expiryByTokenId = new ConcurrentHashMap<>();

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.REVOKED_TOKENS);
    }

    @Override
    public void reloadAll() {
        expiryByTokenId.putAll(repository.unexpired(JwtVerificationConfigSource.CLOCK_SKEW_SECONDS));
    }

    /** A token revoked through another instance: read its row. */
    @Override
    public void reload(ReplicatedTable table, String tokenId) {
        read(tokenId);
    }

    private void read(String tokenId) {
        expiryByTokenId.putAll(repository.unexpired(JwtVerificationConfigSource.CLOCK_SKEW_SECONDS, tokenId));
    }

    /** Idempotent (RFC 7009 §2.2); from the next request on, once the caller's transaction commits. */
    public void revoke(String tokenId, String clientId, Instant expiresAt) {
        repository.revoke(tokenId, clientId, expiresAt);
        afterCommit.run(() -> {
            long now = clock.instant().getEpochSecond();
            // Verifiers accept a token up to the clock skew past its exp: so long it stays revoked.
            expiryByTokenId.values().removeIf(expiry -> expiry + JwtVerificationConfigSource.CLOCK_SKEW_SECONDS < now);
            expiryByTokenId.put(tokenId, expiresAt.getEpochSecond());
        });
    }

    /** From memory while changes are heard; otherwise the database is asked (a revocation elsewhere may be unheard). */
    public boolean isRevoked(String tokenId) {
        if (!feed.isCurrent()) {
            read(tokenId);
        }
        return expiryByTokenId.containsKey(tokenId);
    }
}
