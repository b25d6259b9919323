package io.maxplatform.oauth.error;

/** Work the server gave up on because the database could not do it; answered 503 like any other outage. */
public class DatabaseUnavailable extends RuntimeException {

    private final DatabaseOutage outage;

    public DatabaseUnavailable(DatabaseOutage outage, String message, Throwable cause) {
        super(message, cause);
        this.outage = outage;
    }

    public DatabaseUnavailable(DatabaseOutage outage, String message) {
        this(outage, message, null);
    }

    public DatabaseOutage outage() {
        return outage;
    }
}
