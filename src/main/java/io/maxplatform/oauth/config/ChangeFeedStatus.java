package io.maxplatform.oauth.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Whether this instance is hearing the changes other instances commit (see {@code cluster/DatabaseChangeFeed}).
 * Its in-memory views (clients, revocations, cut-offs, signing keys) are proven current only while it is: when
 * the feed has not answered for {@link #PROVEN_FOR}, or never started, each view asks the database directly on
 * every use until the feed is back, rather than serve what another instance may have changed meanwhile.
 */
@ApplicationScoped
public class ChangeFeedStatus {

    /** Several of the feed's polls (every half second), so a slow poll does not switch every view to the database. */
    public static final Duration PROVEN_FOR = Duration.ofSeconds(3);

    /** System.nanoTime() of the last moment the feed was known to be listening; none before it starts. */
    private volatile long listeningAt;
    private volatile boolean started;

    /** The feed is listening now: everything announced until this moment has been applied. */
    public void listening() {
        listeningAt = System.nanoTime();
        started = true;
    }

    /** Whether the views may answer from memory: the feed was listening within {@link #PROVEN_FOR}. */
    public boolean isCurrent() {
        return started && System.nanoTime() - listeningAt < PROVEN_FOR.toNanos();
    }
}
