package io.maxplatform.oauth.config;

import java.util.Set;

/**
 * What an instance holds in memory of rows any instance may change (clients, revocations, cut-offs, keys,
 * failure counts). Registering is implementing this: the change feed ({@code cluster/DatabaseChangeFeed}) finds
 * every such bean, {@linkplain #reloadAll reloads} each once it listens and again after any interruption, and
 * hands each announced change to the views that name its table. Each view also applies its own instance's changes
 * after they commit ({@link AfterCommit}) and, while {@link ChangeFeedStatus} says changes may go unheard, reads
 * the database on use.
 */
public interface ReplicatedView {

    /** The tables whose rows this view holds; constant, so it can be checked against the triggers. */
    Set<ReplicatedTable> tables();

    /** Reads everything again: at start and after the feed was interrupted, when any change may have been missed. */
    void reloadAll();

    /** Reads again what a committed change to {@code table}'s row with this key may have altered. */
    void reload(ReplicatedTable table, String key);
}
