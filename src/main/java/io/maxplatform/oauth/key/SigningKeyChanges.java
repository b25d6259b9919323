package io.maxplatform.oauth.key;

import io.maxplatform.oauth.config.ServerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every change to the stored signing keys, each in the caller's transaction, and each read into
 * {@link SigningKeys} once it has committed: the first key, a new one when {@code ALGORITHM} changed, a planned
 * or an emergency rotation, and the lifetime the keys must cover.
 */
@ApplicationScoped
public class SigningKeyChanges {

    private static final Logger LOG = Logger.getLogger(SigningKeyChanges.class.getName());

    @Inject
    SigningKeyRepository repository;

    @Inject
    KeyMaterial material;

    @Inject
    KeyPublication publication;

    @Inject
    SigningKeys keys;

    @Inject
    ServerSettings settings;

    /** A rotation's outcome: the new key, or, when a planned one is already under way, its next key. */
    public record Rotation(KeyRing.Key key, boolean started) {
    }

    /**
     * Called once at start-up, in a transaction that holds the start-up lock: creates the first key, or a new
     * one when {@code ALGORITHM} changed (at once: this server's MicroProfile JWT verifies one algorithm, so
     * a restart is the switch-over anyway; the replaced key stays published for other verifiers).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void initialize(long longestTokenLifetimeSeconds) {
        Instant now = Instant.now();
        List<SigningKey> stored = repository.all();
        Optional<SigningKey> signing = signingAt(stored, now);
        String algorithm = settings.algorithm();
        if (signing.isPresent() && !signing.get().algorithm().equals(algorithm)) {
            LOG.info("ALGORITHM changed from " + signing.get().algorithm() + " to " + algorithm + ": retiring key "
                    + signing.get().kid());
            signing.get().retireAt(now);
            stored.stream().filter(k -> k.times().stateAt(now) == KeyRing.State.NEXT).forEach(k -> k.withdrawAt(now));
            repository.flush();
            signing = Optional.empty();
        }
        if (signing.isEmpty()) {
            create(now, longestTokenLifetimeSeconds);
        } else {
            repository.coverTokenLifetime(longestTokenLifetimeSeconds);
        }
        keys.reloadAfterCommit();
    }

    /**
     * Starts a rotation, in the caller's transaction under the rotation lock. Planned: the new key is
     * published now and signs from {@code now + publishAhead}, when the current one retires. Emergency: every
     * stored key is withdrawn at once and the new key signs immediately.
     *
     * @return the new key; or, when a planned rotation is already under way, its next key, not started again
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rotation rotate(boolean emergency, long longestTokenLifetimeSeconds) {
        Instant now = Instant.now();
        List<SigningKey> stored = repository.all();
        SigningKey created;
        if (emergency) {
            stored.forEach(k -> k.withdrawAt(now));
            repository.flush();
            created = create(now, longestTokenLifetimeSeconds);
        } else {
            Optional<SigningKey> pending = stored.stream().filter(k -> k.times().stateAt(now) == KeyRing.State.NEXT).findFirst();
            if (pending.isPresent()) {
                return new Rotation(pending.get().times(), false);
            }
            Instant switchOver = now.plus(publication.publishAhead());
            signingAt(stored, now).ifPresent(current -> current.retireAt(switchOver));
            repository.flush();
            created = create(switchOver, longestTokenLifetimeSeconds);
        }
        keys.reloadAfterCommit();
        return new Rotation(created.times(), true);
    }

    /** Holds the rotation lock until the caller's transaction ends (a scheduled rotation checks under it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockForRotation() {
        repository.lockForRotation();
    }

    /** Tokens may now live {@code seconds} (a client's new lifetime): keys that may sign cover it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void coverTokenLifetime(long seconds) {
        repository.coverTokenLifetime(seconds);
        keys.reloadAfterCommit();
    }

    private static Optional<SigningKey> signingAt(List<SigningKey> stored, Instant now) {
        List<KeyRing.Key> times = stored.stream().map(SigningKey::times).toList();
        return new KeyRing(times).signingAt(now)
                .flatMap(key -> stored.stream().filter(k -> k.kid().equals(key.kid())).findFirst());
    }

    private SigningKey create(Instant activatesAt, long longestTokenLifetimeSeconds) {
        SigningKey key = material.generate(activatesAt, longestTokenLifetimeSeconds);
        repository.add(key);
        LOG.info("Created " + key.algorithm() + " signing key " + key.kid() + ", signing from " + activatesAt);
        return key;
    }
}
