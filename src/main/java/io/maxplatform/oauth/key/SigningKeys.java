package io.maxplatform.oauth.key;

import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import io.maxplatform.oauth.key.PublishedKeys.KeySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing keys in memory: the one that signs now and the key set published at {@code /api/oauth/jwks},
 * both read from a {@link KeyRing} loaded from the database, so signing never touches it. What they mean now
 * ({@link PublishedKeys}) is recomputed when the clock passes a key's next change (a rotation's switch-over, a
 * retired key leaving the JWKS); the ring is read again after this server changes a key ({@link SigningKeyChanges}),
 * when PostgreSQL announces a change made through another instance, and on every refresh of the rotation schedule.
 */
@ApplicationScoped
public class SigningKeys implements ReplicatedView {

    /** While changes go unheard, the keys are read again at most this often (on use, by one request at a time). */
    static final Duration UNHEARD_RELOAD_INTERVAL = Duration.ofSeconds(1);

    @Inject
    SigningKeyRepository repository;

    @Inject
    KeyMaterial material;

    @Inject
    InTransaction transaction;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeedStatus feed;

    /** A read of the stored keys, numbered by when it began. */
    private record Read(long number, KeySnapshot snapshot) {
    }

    private final AtomicLong readsBegun = new AtomicLong();
    private final AtomicReference<Read> latest = new AtomicReference<>(new Read(0, new KeySnapshot(new KeyRing(List.of()), Map.of())));
    private final AtomicBoolean reloadingOnUse = new AtomicBoolean();
    private volatile long reloadedAt = System.nanoTime();
    private volatile PublishedKeys published;

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.SIGNING_KEYS);
    }

    @Override
    public void reloadAll() {
        reload();
    }

    /** A key created, rotated or withdrawn through another instance. */
    @Override
    public void reload(ReplicatedTable table, String kid) {
        reload();
    }

    /**
     * Reads the stored keys again (another server may have rotated). Reads may overlap, and none waits for
     * another: each is numbered when it begins, and a read that began before the one already in place is
     * dropped, so an older read never replaces a newer one. A read that begins after a change committed sees it.
     */
    public void reload() {
        long number = readsBegun.incrementAndGet();
        List<SigningKey> stored = transaction.run(repository::all);
        Map<String, ActiveKey> known = latest.get().snapshot().signers();
        Map<String, ActiveKey> signers = new HashMap<>();
        Instant now = Instant.now();
        for (SigningKey key : stored) {
            KeyRing.State state = key.times().stateAt(now);
            if (state == KeyRing.State.ACTIVE || state == KeyRing.State.NEXT) {
                ActiveKey signer = known.get(key.kid());
                signers.put(key.kid(), signer != null ? signer : material.signer(key));
            }
        }
        Read read = new Read(number, new KeySnapshot(new KeyRing(stored.stream().map(SigningKey::times).toList()),
                Map.copyOf(signers)));
        latest.accumulateAndGet(read, (current, mine) -> mine.number() > current.number() ? mine : current);
        reloadedAt = System.nanoTime();
    }

    /** Reads the keys again once the caller's transaction has committed (on a thread that may use the database). */
    void reloadAfterCommit() {
        afterCommit.runWithDatabase(this::reload);
    }

    /**
     * While changes made elsewhere may go unheard ({@link ChangeFeedStatus}), the keys are read again on use, once a
     * second: a key withdrawn through another instance must stop signing and leave the JWKS here too. One request
     * reads; the others meanwhile use the keys as they are. A failed read leaves them as they are (a token cannot
     * be issued without the database anyway: its audit row).
     */
    private void reloadIfUnheard() {
        if (feed.isCurrent() || System.nanoTime() - reloadedAt < UNHEARD_RELOAD_INTERVAL.toNanos()
                || !reloadingOnUse.compareAndSet(false, true)) {
            return;
        }
        try {
            reload();
        } catch (RuntimeException unreachable) {
            reloadedAt = System.nanoTime(); // not again at once: a database outage must not slow every request
        } finally {
            reloadingOnUse.set(false);
        }
    }

    /** What the keys mean now: one immutable value for the signer, the JWKS and the published key ids. */
    public PublishedKeys published() {
        reloadIfUnheard();
        PublishedKeys current = published;
        KeySnapshot source = latest.get().snapshot();
        Instant now = Instant.now();
        if (current != null && current.isCurrent(source, now)) {
            return current;
        }
        PublishedKeys computed = PublishedKeys.at(source, now);
        published = computed;
        return computed;
    }

    /** The key that signs now. */
    public ActiveKey active() {
        ActiveKey signing = published().signing();
        if (signing == null) {
            throw new IllegalStateException("No signing key is active");
        }
        return signing;
    }

    /** The JWKS document (RFC 7517), public members only: every key a verifier needs now. */
    public String publishedJwks() {
        return published().jwks();
    }

    /** Every stored key with its times, as last read (the clean-up removes expired and withdrawn ones). */
    public KeyRing ring() {
        return latest.get().snapshot().ring();
    }
}
