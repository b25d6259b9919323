package io.maxplatform.oauth.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.testlog.CapturedLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What drivers quote in their messages never reaches a log line; the stack and the class names do. */
class FailureLogTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void removesTokensHashesCredentialsAndQuotedRows() {
        String redacted = FailureLog.redact("token " + JWT + " hash hmac-sha256$q2Xv9c= form client_secret=s3cr3t&scope=a"
                + " Detail: Key (client_secret_hash)=(pbkdf2-sha256$1$x$y) already exists."
                + " Failing row contains (7, s3cr3t-too, 2026). bind => [s3cr3t, 1]");
        for (String secret : new String[] {JWT, "q2Xv9c", "s3cr3t", "pbkdf2-sha256$1$x$y", "s3cr3t-too"}) {
            assertFalse(redacted.contains(secret), secret + " in " + redacted);
        }
        assertTrue(redacted.contains("scope=a"), redacted);
        assertTrue(redacted.contains("Key (client_secret_hash)="), redacted);
    }

    @Test
    void removesAuthorizationHeadersAndDetailLinesInAnyLanguage() {
        String redacted = FailureLog.redact("request headers: Authorization: Basic c3ZjOnMzY3IzdA== Accept: */*\n"
                + "ERROR: doppelter Schlüsselwert\n  Detail: Schlüssel »(client_id)=(geheim)« existiert bereits.");
        assertFalse(redacted.contains("c3ZjOnMzY3IzdA"), redacted);
        assertFalse(redacted.contains("geheim"), redacted);
        assertTrue(redacted.contains("Accept: */*") && redacted.contains("doppelter Schlüsselwert"), redacted);
    }

    @Test
    void aRedactedFailureKeepsItsClassesAndStack() {
        SQLException cause = new SQLException("Detail: Failing row contains (secret-value).", "23502");
        RuntimeException failure = new RuntimeException("insert failed", cause);

        Throwable redacted = FailureLog.redacted(failure, 0);

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertTrue(printed.toString().startsWith("java.lang.RuntimeException: insert failed"), printed.toString());
        assertTrue(printed.toString().contains("Caused by: java.sql.SQLException: Detail: [redacted]"), printed.toString());
        assertFalse(printed.toString().contains("secret-value"));
        assertArrayEquals(failure.getStackTrace(), redacted.getStackTrace());
        assertEquals(cause.getStackTrace().length, redacted.getCause().getStackTrace().length);
    }

    @Test
    void briefLinesNameEveryCauseWithoutItsSecrets() {
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        try (CapturedLog logged = CapturedLog.of(log)) {
            FailureLog.briefly(log, Level.WARNING, "Database unavailable",
                    new RuntimeException("commit failed", new SQLException("password=hunter2 refused", "08001")));

            assertEquals(List.of("Database unavailable: java.lang.RuntimeException: commit failed"
                    + " <- java.sql.SQLException: password=[redacted] refused"),
                    logged.records().stream().map(LogRecord::getMessage).toList());
            assertEquals(null, logged.records().get(0).getThrown(), "no stack");
        }
    }
}
