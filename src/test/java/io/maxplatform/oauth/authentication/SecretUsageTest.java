package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.maxplatform.oauth.client.ClientSecretRepository;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.metrics.ServerMetrics;
import io.maxplatform.oauth.testlog.CapturedLog;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SecretUsage} on a clock the test moves ({@link SecretUsage#ticker}) and an executor the test runs by hand:
 * "one write per secret per minute" is shown by moving the clock to just before and to the minute, so a shorter
 * (or longer) interval fails here; what happens when a write fails, or too many are pending, is shown without a
 * database.
 */
class SecretUsageTest {

    private static final String HASH = "pbkdf2-sha256$310000$c2FsdA$aGFzaA"; // what a stored hash looks like
    private static final String EARLIER_HASH = "pbkdf2-sha256$310000$c2FsdA$ZWFybGllcg";

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final List<Runnable> queued = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final SecretUsage usage = new SecretUsage();
    private RuntimeException writeFails;
    private boolean executorRefuses;
    private int failedCount;
    private int droppedCount;

    private final Logger log = Logger.getLogger(SecretUsage.class.getName());
    private CapturedLog logged;
    private Level logLevel;
    private boolean logParents;

    @BeforeEach
    void wire() {
        usage.ticker = ticker;
        usage.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (self, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.toString());
                    }
                    if (executorRefuses) {
                        throw new RejectedExecutionException("saturated");
                    }
                    queued.add((Runnable) args[0]);
                    return null;
                });
        usage.transaction = new InTransaction() {
            @Override
            public void runOnItsOwn(Runnable work) {
                work.run();
            }
        };
        usage.secrets = new ClientSecretRepository() {
            @Override
            public void touch(String clientId, String secretHash) {
                if (writeFails != null) {
                    throw writeFails;
                }
                written.add(clientId + " " + secretHash);
            }
        };
        usage.metrics = new ServerMetrics() {
            @Override
            public void secretUsageWriteFailed() {
                failedCount++;
            }

            @Override
            public void secretUsageWriteDropped() {
                droppedCount++;
            }
        };
        logLevel = log.getLevel();
        logParents = log.getUseParentHandlers();
        log.setLevel(Level.ALL);
        log.setUseParentHandlers(false);
        logged = CapturedLog.of(log);
    }

    @AfterEach
    void unwire() {
        logged.close();
        log.setLevel(logLevel);
        log.setUseParentHandlers(logParents);
    }

    @Test
    void aSecretsUseIsWrittenOncePerMinute() {
        useAndRun("svc", HASH);
        assertEquals(List.of("svc " + HASH), written, "the first use is written");

        for (int second = 1; second < 60; second++) {
            at(Duration.ofSeconds(second));
            useAndRun("svc", HASH);
        }
        at(Duration.ofMinutes(1).minusMillis(1));
        useAndRun("svc", HASH);
        assertEquals(1, written.size(), "no other write within the minute: " + written);

        at(Duration.ofMinutes(1));
        useAndRun("svc", HASH);
        useAndRun("svc", HASH);
        assertEquals(2, written.size(), "written again once the minute is over: " + written);

        at(Duration.ofMinutes(2).minusMillis(1));
        useAndRun("svc", HASH);
        assertEquals(2, written.size());
        at(Duration.ofMinutes(2));
        useAndRun("svc", HASH);
        assertEquals(3, written.size());
    }

    @Test
    void eachSecretHasItsOwnMinute() {
        useAndRun("svc", HASH);
        at(Duration.ofSeconds(30));
        useAndRun("svc", EARLIER_HASH); // the earlier secret, still in its grace period
        useAndRun("svc", HASH);
        assertEquals(List.of("svc " + HASH, "svc " + EARLIER_HASH), written);

        at(Duration.ofSeconds(60));
        useAndRun("svc", EARLIER_HASH);
        useAndRun("svc", HASH);
        assertEquals(List.of("svc " + HASH, "svc " + EARLIER_HASH, "svc " + HASH), written,
                "the current secret's minute is over; the earlier one's is not");
    }

    @Test
    void aFailedWriteIsWarnedOfCountedAndTriedAgainAtTheNextUse() {
        writeFails = new IllegalStateException("connection refused");
        useAndRun("svc", HASH);

        assertEquals(1, failedCount);
        List<LogRecord> warnings = warnings();
        assertEquals(1, warnings.size(), "a WARNING, not a FINE line nobody sees");
        LogRecord warning = warnings.get(0);
        assertArrayEquals(writeFails.getStackTrace(), warning.getThrown().getStackTrace(), "with its stack");
        assertEquals(writeFails.toString(), warning.getThrown().toString(), "redacted, under its own class name");
        assertTrue(warning.getMessage().contains("svc"), warning.getMessage());
        assertTrue(warning.getMessage().contains("connection refused"), warning.getMessage());
        assertFalse(warning.getMessage().contains(HASH.substring(HASH.lastIndexOf('$') + 1)), "never the hash");

        writeFails = null;
        useAndRun("svc", HASH); // the same minute: the failed write did not count as one
        assertEquals(List.of("svc " + HASH), written);
    }

    @Test
    void failuresGoOnBeingCountedButAreWarnedOfOnceAMinute() {
        writeFails = new IllegalStateException("the database is down");
        for (int i = 0; i < 3; i++) {
            useAndRun("svc", HASH);
        }
        assertEquals(3, failedCount);
        assertEquals(1, warnings().size());

        at(Duration.ofMinutes(1).minusMillis(1));
        useAndRun("svc", HASH);
        assertEquals(1, warnings().size());

        at(Duration.ofMinutes(1));
        useAndRun("svc", HASH);
        assertEquals(5, failedCount);
        assertEquals(2, warnings().size());
        assertTrue(warnings().get(1).getMessage().contains("3 other write(s) failed since the last warning"),
                warnings().get(1).getMessage());
    }

    @Test
    void writesBeyondTheBoundAreNotQueuedButCountedAndTriedAgain() {
        int beyond = 3;
        for (int i = 0; i < SecretUsage.MAX_PENDING_WRITES + beyond; i++) {
            usage.used("client-" + i, HASH + i); // the executor is busy: nothing runs yet
        }
        assertEquals(SecretUsage.MAX_PENDING_WRITES, queued.size(), "the shared executor holds at most the bound");
        assertEquals(beyond, droppedCount);

        runQueued();
        String dropped = "client-" + SecretUsage.MAX_PENDING_WRITES;
        useAndRun(dropped, HASH + SecretUsage.MAX_PENDING_WRITES); // the same minute
        assertTrue(written.contains(dropped + " " + HASH + SecretUsage.MAX_PENDING_WRITES), "a dropped use is written at the next");
        assertEquals(SecretUsage.MAX_PENDING_WRITES + 1, written.size());
    }

    @Test
    void aWriteTheExecutorRefusesIsCountedAndHoldsNoPlace() {
        executorRefuses = true;
        for (int i = 0; i < SecretUsage.MAX_PENDING_WRITES * 2; i++) {
            usage.used("client-" + i, HASH + i);
        }
        assertEquals(SecretUsage.MAX_PENDING_WRITES * 2, droppedCount);

        executorRefuses = false;
        for (int i = 0; i < SecretUsage.MAX_PENDING_WRITES; i++) {
            usage.used("client-" + i, HASH + i);
        }
        assertEquals(SecretUsage.MAX_PENDING_WRITES, queued.size(), "refused writes gave their place back");
    }

    private void useAndRun(String clientId, String hash) {
        usage.used(clientId, hash);
        runQueued();
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.remove(0).run();
        }
    }

    private void at(Duration sinceStart) {
        nanos.set(sinceStart.toNanos());
    }

    private List<LogRecord> warnings() {
        return logged.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }
}
