package io.maxplatform.oauth.config;

import java.util.Optional;

/**
 * A change committed to a {@linkplain ReplicatedTable replicated table}, as its announcement names it: the table
 * and the row's key. {@link #EVERYTHING} follows an interruption of the feed, or an announcement this version
 * cannot read, when any change may have been missed.
 */
public record DatabaseChange(Optional<ReplicatedTable> table, String key) {

    public static final DatabaseChange EVERYTHING = new DatabaseChange(Optional.empty(), "");

    public DatabaseChange(ReplicatedTable table, String key) {
        this(Optional.of(table), key);
    }

    public boolean isEverything() {
        return table.isEmpty();
    }

    /** The announcement's payload, {@code <table>:<key>} (the trigger of release 1.8; a statement's own NOTIFY). */
    public static DatabaseChange parse(String payload) {
        int colon = payload.indexOf(':');
        Optional<ReplicatedTable> table = colon < 0 ? Optional.empty() : ReplicatedTable.named(payload.substring(0, colon));
        return table.map(t -> new DatabaseChange(t, payload.substring(colon + 1))).orElse(EVERYTHING);
    }

}
