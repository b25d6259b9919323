package io.maxplatform.oauth.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maxplatform.oauth.client.ClientSecretRepository;
import io.maxplatform.oauth.config.InTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each secret's {@code last_used_at} roughly current without a write per token: the first use in a
 * minute writes it, off the request's path (a managed executor, its own transaction); later uses in that
 * minute write nothing. A lost write (a crash, a database hiccup) costs only that minute's precision.
 */
@ApplicationScoped
public class SecretUsage {

    private static final Logger LOG = Logger.getLogger(SecretUsage.class.getName());
    static final Duration PRECISION = Duration.ofMinutes(1);

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    ClientSecretRepository secrets;

    @Inject
    InTransaction transaction;

    /** Stored hashes whose use was recorded within the last minute; bounded, as clients come and go. */
    private final Cache<String, Boolean> recentlyRecorded = Caffeine.newBuilder()
            .expireAfterWrite(PRECISION)
            .maximumSize(100_000)
            .build();

    void used(String clientId, String storedHash) {
        if (recentlyRecorded.asMap().putIfAbsent(storedHash, Boolean.TRUE) != null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    transaction.runOnItsOwn(() -> secrets.touch(clientId, storedHash));
                } catch (RuntimeException e) {
                    recentlyRecorded.invalidate(storedHash);
                    LOG.log(Level.FINE, "last_used_at of a secret of " + clientId + " not written: " + e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            recentlyRecorded.invalidate(storedHash);
        }
    }
}
