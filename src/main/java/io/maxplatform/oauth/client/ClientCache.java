package io.maxplatform.oauth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients as client authentication sees them: read from the database once, then from memory, so a
 * token costs no query. Every write of an {@code oauth_clients} row through JPA drops its entry when the write
 * is flushed and again once it committed ({@link Invalidation}); a change committed by another instance, or
 * by hand in SQL, drops it when PostgreSQL announces it ({@link ReplicatedView}); and an entry is never older
 * than {@link #MAX_AGE}. While the announcements are interrupted ({@link ChangeFeedStatus}), every lookup reads the
 * database.
 * <p>
 * What is cached is an immutable {@link RegisteredClient}, never the JPA entity: it is shared between requests
 * and threads. Changes go through {@link ClientRepository}, which always reads the database.
 */
@ApplicationScoped
public class ClientCache implements ReplicatedView {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    @Inject
    ClientRepository clients;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeedStatus feed;

    /** Counts invalidations, so a read that raced with a change is never kept (see {@link #find}). */
    private final AtomicLong changes = new AtomicLong();

    /**
     * What a lookup found, absences included: an unknown id must cost what a known one costs, or the time of
     * two wrong guesses would tell which ids exist. Bounded, since ids come from requests; a flood of made-up
     * ids only evicts entries, which are read again.
     */
    private final Cache<String, Optional<RegisteredClient>> known = Caffeine.newBuilder()
            .expireAfterWrite(MAX_AGE)
            .maximumSize(10_000)
            .build();

    /**
     * Which live client each federated subject (trust anchor and {@code sub}) is, absences included: any change to
     * any client empties it, since a change of one client's subject concerns another subject's entry.
     */
    private final Cache<String, Optional<String>> federated = Caffeine.newBuilder()
            .expireAfterWrite(MAX_AGE)
            .maximumSize(10_000)
            .build();

    /** The live {@code federated_jwt} client for this subject of this trust anchor, if any. */
    public Optional<RegisteredClient> findFederated(String trustAnchor, String subject) {
        Optional<String> clientId;
        if (!feed.isCurrent()) {
            clientId = clients.federatedClientIdDetached(trustAnchor, subject);
        } else {
            String key = trustAnchor + '\n' + subject;
            clientId = federated.getIfPresent(key);
            if (clientId == null) {
                long seen = changes.get();
                clientId = clients.federatedClientIdDetached(trustAnchor, subject);
                federated.put(key, clientId);
                if (changes.get() != seen) {
                    federated.invalidate(key);
                }
            }
        }
        return clientId.flatMap(this::find);
    }

    /** Any client with this id, deleted ones included, as {@link ClientRepository#find} would return it. */
    public Optional<RegisteredClient> find(String clientId) {
        if (!feed.isCurrent()) {
            // Changes elsewhere may be going unheard: the database decides, for known and unknown ids alike.
            return read(clientId);
        }
        Optional<RegisteredClient> cached = known.getIfPresent(clientId);
        if (cached != null) {
            return cached;
        }
        // A change that commits while the row is read must not leave the old row cached: put it, then take it
        // out again if anything was invalidated since the read began. An invalidation after the put removes it.
        long seen = changes.get();
        Optional<RegisteredClient> loaded = read(clientId);
        known.put(clientId, loaded);
        if (changes.get() != seen) {
            known.asMap().remove(clientId, loaded);
        }
        return loaded;
    }

    private Optional<RegisteredClient> read(String clientId) {
        return clients.findDetached(clientId).map(RegisteredClient::of);
    }

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.CLIENTS, ReplicatedTable.CLIENT_SECRETS);
    }

    @Override
    public void reloadAll() {
        changes.incrementAndGet();
        known.invalidateAll();
        federated.invalidateAll();
    }

    /** A client or its secrets changed through another instance (or by hand): its entry goes now. */
    @Override
    public void reload(ReplicatedTable table, String clientId) {
        invalidate(clientId);
    }

    void changed(String clientId) {
        invalidate(clientId);
        afterCommit.run(() -> invalidate(clientId));
    }

    private void invalidate(String clientId) {
        changes.incrementAndGet();
        known.invalidate(clientId);
        federated.invalidateAll();
    }

    /** The JPA entity listener on {@link Client}: every insert, update and delete of a row. */
    public static class Invalidation {

        @PostPersist
        @PostUpdate
        @PostRemove
        void written(Client client) {
            CDI.current().select(ClientCache.class).get().changed(client.clientId());
        }
    }
}
