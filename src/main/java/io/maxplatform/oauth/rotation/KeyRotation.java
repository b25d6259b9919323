package io.maxplatform.oauth.rotation;

import io.maxplatform.oauth.audit.AuditedCall;
import io.maxplatform.oauth.audit.AuditedCalls;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.config.FailureLog;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.key.KeyPublication;
import io.maxplatform.oauth.key.KeyRing;
import io.maxplatform.oauth.key.SigningKeyChanges;
import io.maxplatform.oauth.key.SigningKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Signing-key rotation: when an administrator asks, and every {@code SIGNING_KEY_ROTATION_DAYS} (0: never
 * by itself). A planned rotation publishes the new key {@link KeyPublication#publishAhead()} before it signs
 * (RFC 7517 key sets exist for this; Payara's MicroProfile JWT refuses an unknown {@code kid} until its cached
 * JWKS expires); the replaced key stays published until the longest-lived token it could have signed has
 * expired. An emergency rotation withdraws every key at once. The schedule also re-reads the stored keys,
 * which is how a rotation made on another server reaches this one, and takes the rotation lock, so with
 * several servers one of them rotates.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());
    static final String SCHEDULED_ROTATION = "signing_key_rotated";

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyChanges changes;

    @Inject
    KeyPublication publication;

    @Inject
    ClientRepository clients;

    @Inject
    ServerSettings settings;

    @Inject
    AuditedCalls audit;

    @Inject
    InTransaction transaction;

    /** Called once at start-up, after the keys are loaded. */
    public void schedule() {
        long every = publication.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The longest a token issued from now on may live: the default or a client's own lifetime. A new key must
     * stay published that long after it retires.
     */
    public long longestTokenLifetimeSeconds() {
        return Math.max(settings.tokenLifetime().toSeconds(), clients.longestTokenLifetimeSeconds().orElse(0));
    }

    /**
     * An administrator's rotation, in the caller's transaction (so with its audit row).
     *
     * @throws ApiException 409 when a planned rotation is already under way
     */
    @Transactional
    public KeyRing.Key rotateNow(boolean emergency) {
        changes.lockForRotation();
        SigningKeyChanges.Rotation rotation = changes.rotate(emergency, longestTokenLifetimeSeconds());
        KeyRing.Key key = rotation.key();
        if (!rotation.started()) {
            throw ApiException.conflict("A rotation is under way: key " + key.kid() + " signs from " + key.activatesAt()
                    + ". An emergency rotation (emergency=true) replaces every key at once.");
        }
        LOG.warning((emergency ? "Emergency" : "Planned") + " signing-key rotation: key " + key.kid() + " signs from "
                + key.activatesAt());
        return key;
    }

    private void refreshSafely() {
        try {
            keys.reload();
            if (isDue(Instant.now())) {
                rotateOnSchedule();
            }
        } catch (RuntimeException e) {
            // The next refresh tries again; a database outage must not end the schedule.
            FailureLog.warning(LOG, "Signing-key refresh failed; the next refresh tries again", e);
        }
    }

    /** Whether the key signing now has signed for the rotation period, counting the publish-ahead time. */
    boolean isDue(Instant now) {
        return nextScheduledRotation(now).map(at -> !now.isBefore(at)).orElse(false);
    }

    /** When the schedule will next start a rotation: none when it is off or one is under way. */
    public Optional<Instant> nextScheduledRotation(Instant now) {
        int days = settings.signingKeyRotationDays();
        KeyRing ring = keys.ring();
        if (days == 0 || ring.nextAt(now).isPresent()) {
            return Optional.empty();
        }
        return ring.signingAt(now).map(k -> k.activatesAt().plus(Duration.ofDays(days)).minus(publication.publishAhead()));
    }

    private void rotateOnSchedule() {
        AuditedCall call = AuditedCall.of(SCHEDULED_ROTATION, null)
                .detail("Scheduled every " + settings.signingKeyRotationDays() + " days");
        transaction.run(() -> {
            changes.lockForRotation();
            keys.reload(); // under the lock: another server may just have rotated
            if (!isDue(Instant.now())) {
                return null;
            }
            // Joins this transaction: the audit row commits with the new key.
            return audit.change(call, () -> {
                KeyRing.Key key = changes.rotate(false, longestTokenLifetimeSeconds()).key();
                call.target(key.kid());
                LOG.info("Scheduled signing-key rotation: key " + key.kid() + " signs from " + key.activatesAt());
                return key;
            });
        });
    }
}
