package io.maxplatform.oauth.config;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The one way a failure reaches the log: its message and its stack, with what must never be in a log line
 * removed first (OWASP ASVS V7.1.1: no credentials, session tokens or their hashes in logs). Exception messages
 * come from drivers and libraries that quote what they were given: a PostgreSQL {@code DETAIL} repeats the
 * refused row, a JDBC error its bind values, an HTTP library a form body.
 */
public final class FailureLog {

    /** A compact JWS/JWT (RFC 7515 §7.1): three base64url parts, the first a JSON header ({@code eyJ}). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    /** Stored client-secret hashes, in the schemes the server writes ({@code hmac-sha256$…}, {@code pbkdf2-sha256$…}). */
    private static final Pattern SECRET_HASH = Pattern.compile("(?:hmac|pbkdf2)-sha256\\$[^\\s,;)\\]'\"]*");
    /** Form and query parameters and JSON members that carry credentials. */
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "(?i)(\"?(?:client_secret|secret|password|assertion|client_assertion|token|access_token|secret_key)\"?\\s*[=:]\\s*\"?)[^\\s&,;\"}]+");
    /**
     * A PostgreSQL {@code DETAIL} ("Key (col)=(value) already exists", "Failing row contains (…)") quotes stored
     * values, in whatever language the server speaks: the whole line goes. The English forms are caught also where
     * a driver put them on the message's first line.
     */
    private static final Pattern DETAIL_LINE = Pattern.compile("(?im)^(\\s*(?:Detail|DETAIL)[^:\\n]*:).*$");
    private static final Pattern ROW_VALUES = Pattern.compile("(Key \\([^)]*\\)=|Failing row contains )\\(.*\\)");
    /** An HTTP {@code Authorization} header's credentials (RFC 9110 §11.6.2), whatever the scheme. */
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(Authorization\\s*[:=]\\s*\\w+\\s+)\\S+");
    /** EclipseLink's statement log: {@code bind => [values]}. */
    private static final Pattern BIND_VALUES = Pattern.compile("bind => \\[.*?]");
    private static final int MAX_DEPTH = 16;

    private FailureLog() {
    }

    public static void warning(Logger log, String message, Throwable failure) {
        log(log, Level.WARNING, message, failure);
    }

    public static void severe(Logger log, String message, Throwable failure) {
        log(log, Level.SEVERE, message, failure);
    }

    /**
     * One line: the message and each cause's class and message, without the stack. For failures that are
     * expected in numbers (every request during a database outage) and whose stack says nothing new.
     */
    public static void briefly(Logger log, Level level, String message, Throwable failure) {
        if (log.isLoggable(level)) {
            StringBuilder line = new StringBuilder(redact(message));
            int depth = 0;
            for (Throwable t = redacted(failure, 0); t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
                line.append(depth == 1 ? ": " : " <- ").append(t);
            }
            log.log(level, line.toString());
        }
    }

    public static void log(Logger log, Level level, String message, Throwable failure) {
        if (log.isLoggable(level)) {
            log.log(level, redact(message), redacted(failure, 0));
        }
    }

    /** {@code text} with tokens, secret hashes, credential parameters and quoted row values replaced. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = JWT.matcher(text).replaceAll("[token]");
        redacted = SECRET_HASH.matcher(redacted).replaceAll("[secret hash]");
        redacted = CREDENTIAL_PARAMETER.matcher(redacted).replaceAll("$1[redacted]");
        redacted = AUTHORIZATION.matcher(redacted).replaceAll("$1[redacted]");
        redacted = DETAIL_LINE.matcher(redacted).replaceAll("$1 [redacted]");
        redacted = ROW_VALUES.matcher(redacted).replaceAll("$1([redacted])");
        return BIND_VALUES.matcher(redacted).replaceAll("bind => [redacted]");
    }

    /** A copy of {@code failure} and its causes with redacted messages and the original stack traces. */
    static Throwable redacted(Throwable failure, int depth) {
        if (failure == null || depth >= MAX_DEPTH) {
            return null;
        }
        Redacted copy = new Redacted(failure.getClass().getName(), redact(failure.getMessage()),
                redacted(failure.getCause(), depth + 1));
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable redactedSuppressed = redacted(suppressed, depth + 1);
            if (redactedSuppressed != null) {
                copy.addSuppressed(redactedSuppressed);
            }
        }
        return copy;
    }

    /** Prints as the original class would ({@code org.postgresql.util.PSQLException: …}). */
    private static final class Redacted extends RuntimeException {

        private final String originalClass;

        Redacted(String originalClass, String message, Throwable cause) {
            super(message, cause, true, true);
            this.originalClass = originalClass;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }
    }
}
