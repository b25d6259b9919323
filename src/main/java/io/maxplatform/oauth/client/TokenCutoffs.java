package io.maxplatform.oauth.client;

import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens die with their client (Keycloak's "not-before" policy): every token a client holds stops working
 * when it is deactivated, deleted, its secret regenerated or an administrator revokes them all; the tokens
 * carrying a scope stop working when the scope is taken from the client. Checked in memory on every
 * protected request and introspection, with no database round trip; the table is read once at start-up and
 * each change is applied here after it commits, or when PostgreSQL announces one made through another instance.
 *
 * <p>A cut-off lies {@value #MARGIN_SECONDS} s ahead of the change: a token request that read the client
 * before the change committed (the statements may wait seconds for locks) is still issued before the
 * cut-off and dies with the rest. A token issued after the change, before that moment, is dated at the
 * cut-off ({@link #earliestIssueTime}): up to {@value #MARGIN_SECONDS} s ahead, well within the clock skew
 * verifiers allow, and so a client's first token after a secret rotation is not born dead.
 */
@ApplicationScoped
public class TokenCutoffs implements ReplicatedView {

    /** The scope of a cut-off that covers every token of the client. */
    static final String EVERY_TOKEN = "";
    /** Beyond how long the change's own transaction may take: lock and statement time limits, 2 + 4 s. */
    static final long MARGIN_SECONDS = 7;

    @Inject
    TokenCutoffRepository repository;

    @Inject
    AfterCommit afterCommit;

    @Inject
    ChangeFeedStatus feed;

    Clock clock = Clock.systemUTC();

    private final Map<String, Map<String, Long>> notBefore = new ConcurrentHashMap<>();

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.TOKEN_CUTOFFS);
    }

    @Override
    public void reloadAll() {
        repository.all().forEach(this::apply);
    }

    /** Tokens cut off through another instance: read that client's cut-offs. */
    @Override
    public void reload(ReplicatedTable table, String clientId) {
        read(clientId);
    }

    private void read(String clientId) {
        repository.of(clientId).forEach(this::apply);
    }

    /** Every token {@code clientId} holds is dead from the next request on (once the caller's transaction commits). */
    public void cutOff(String clientId) {
        cutOff(clientId, EVERY_TOKEN);
    }

    /** Every token of {@code clientId} that carries {@code scope} is dead. */
    public void cutOffScope(String clientId, String scope) {
        cutOff(clientId, scope);
    }

    private void cutOff(String clientId, String scope) {
        long next = clock.instant().getEpochSecond() + MARGIN_SECONDS;
        repository.save(clientId, scope, next);
        afterCommit.run(() -> apply(clientId, scope, next));
    }

    /** While changes elsewhere may go unheard ({@link ChangeFeedStatus}), the client's cut-offs are read at each use. */
    private void readIfUnheard(String clientId) {
        if (clientId != null && !feed.isCurrent()) {
            read(clientId);
        }
    }

    private void apply(TokenCutoffRepository.Row row) {
        apply(row.clientId(), row.scope(), row.notBefore());
    }

    private void apply(String clientId, String scope, long seconds) {
        notBefore.computeIfAbsent(clientId, id -> new ConcurrentHashMap<>()).merge(scope, seconds, Math::max);
    }

    /** Whether a token of {@code clientId}, issued at {@code issuedAt} with {@code scopes}, was cut off. */
    public boolean isCutOff(String clientId, Collection<String> scopes, long issuedAt) {
        readIfUnheard(clientId);
        Map<String, Long> cutoffs = clientId == null ? null : notBefore.get(clientId);
        if (cutoffs == null) {
            return false;
        }
        if (issuedAt < cutoffs.getOrDefault(EVERY_TOKEN, Long.MIN_VALUE)) {
            return true;
        }
        for (String scope : scopes) {
            if (issuedAt < cutoffs.getOrDefault(scope, Long.MIN_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /** The earliest {@code iat} a new token of {@code clientId} may carry and still live: now, or the cut-off. */
    public long earliestIssueTime(String clientId, long now) {
        readIfUnheard(clientId);
        Map<String, Long> cutoffs = notBefore.get(clientId);
        return cutoffs == null ? now : Math.max(now, cutoffs.getOrDefault(EVERY_TOKEN, now));
    }
}
