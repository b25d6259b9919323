package io.maxplatform.oauth.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tables whose rows instances keep in memory, each announced on {@link #CHANNEL} as {@code <table>:<key>} when
 * a change to it commits (PostgreSQL delivers NOTIFY at commit, never for a rollback). The one list the
 * changelog's triggers (releases 1.5, 1.8 and 1.10), the views ({@link ReplicatedView}) and the change feed agree on;
 * caching one more table is one constant here, its trigger, and a view that names it.
 */
public enum ReplicatedTable {

    CLIENTS("oauth_clients", "client_id", true),
    CLIENT_SECRETS("oauth_client_secrets", "client_id", true),
    REVOKED_TOKENS("oauth_revoked_tokens", "token_id", true),
    TOKEN_CUTOFFS("oauth_token_cutoffs", "client_id", true),
    SIGNING_KEYS("oauth_signing_keys", "kid", true),
    TRUST_ANCHORS("oauth_trust_anchors", "name", true),
    /** Announced by the counting statement itself, once a count reaches its limit, not by a trigger. */
    FAILED_AUTHENTICATIONS("oauth_failed_authentications", "id", false);

    /** The channel every announcement is sent on. */
    public static final String CHANNEL = "maxplatform_changes";

    private final String table;
    private final String keyColumn;
    private final boolean announcedByTrigger;

    ReplicatedTable(String table, String keyColumn, boolean announcedByTrigger) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.announcedByTrigger = announcedByTrigger;
    }

    public String table() {
        return table;
    }

    /** The column whose value the announcement carries (the trigger's argument). */
    public String keyColumn() {
        return keyColumn;
    }

    /** Whether a trigger announces this table's changes (else the statement that changes it does). */
    public boolean isAnnouncedByTrigger() {
        return announcedByTrigger;
    }

    /** The table named {@code name}, as PostgreSQL's {@code TG_TABLE_NAME} gives it. */
    public static Optional<ReplicatedTable> named(String name) {
        return Arrays.stream(values()).filter(t -> t.table.equals(name)).findFirst();
    }
}
