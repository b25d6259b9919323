package io.maxplatform.oauth.config;

/**
 * A change committed to a table whose rows instances keep in memory, announced by PostgreSQL (see
 * {@code cluster/DatabaseChangeFeed}): the table and the row's key. {@link #EVERYTHING} follows an interruption of the
 * feed, when any change may have been missed.
 */
public record DatabaseChange(String table, String key) {

    public static final DatabaseChange EVERYTHING = new DatabaseChange("*", "");

    /** Whether this change may concern {@code table}'s rows. */
    public boolean concerns(String table) {
        return this == EVERYTHING || this.table.equals(table);
    }

    public boolean isEverything() {
        return this == EVERYTHING;
    }

    /** The trigger's payload, {@code <table>:<key>} (release 1.5 of the changelog). */
    public static DatabaseChange parse(String payload) {
        int colon = payload.indexOf(':');
        return colon < 0 ? EVERYTHING : new DatabaseChange(payload.substring(0, colon), payload.substring(colon + 1));
    }
}
