package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.scope.ScopePolicy;
import java.time.Duration;
import java.util.List;

/**
 * Which of a client's tokens a change of the client kills, for every change the admin API makes (decisions.md:
 * tokens die with their client; service-developers.md, "Service admin API", for each call):
 *
 * <ul>
 * <li>deactivated ({@code is_active} true → false): every token;</li>
 * <li>an allowed audience taken away: every token (cut-offs are per client and scope, not per audience);</li>
 * <li>an allowed scope taken away: the tokens that carry it, or every token when the scope covers others;</li>
 * <li>deleted: every token;</li>
 * <li>every token revoked ({@code revoke-tokens}): every token;</li>
 * <li>secret regenerated: every token, unless kept ({@code keep_tokens}, by default with a grace period or for a
 *     client that authenticates with keys);</li>
 * <li>anything else (name, lifetime, method, keys, a secret retired): none.</li>
 * </ul>
 *
 * Pure: it only decides. {@link ClientWrites} carries it out, after the change itself is written.
 *
 * @param everyToken whether every token of the client dies
 * @param scopes     otherwise, the scopes whose tokens die (none: no token dies)
 */
record TokenKill(boolean everyToken, List<String> scopes) {

    static final TokenKill NONE = new TokenKill(false, List.of());
    static final TokenKill EVERY_TOKEN = new TokenKill(true, List.of());

    TokenKill {
        scopes = List.copyOf(scopes);
    }

    /** What of a client bounds the tokens it holds, as it was before a change or is after it. */
    record Powers(boolean active, List<String> allowedScopes, List<String> allowedAudiences) {

        Powers {
            allowedScopes = List.copyOf(allowedScopes);
            allowedAudiences = List.copyOf(allowedAudiences);
        }

        static Powers of(Client client) {
            return new Powers(client.isActive(), client.allowedScopes(), client.allowedAudiences());
        }
    }

    /** A {@code PATCH}, by what it took away. */
    static TokenKill ofEdit(Powers before, Powers after) {
        if (before.active() && !after.active()) {
            return EVERY_TOKEN;
        }
        if (!after.allowedAudiences().containsAll(before.allowedAudiences())) {
            return EVERY_TOKEN;
        }
        List<String> removed = before.allowedScopes().stream()
                .filter(scope -> !after.allowedScopes().contains(scope)).toList();
        if (removed.stream().anyMatch(ScopePolicy::coversOthers)) {
            // Tokens granted under admin:full or manage:* carry the scopes they covered, which cannot all be named.
            return EVERY_TOKEN;
        }
        return new TokenKill(false, removed);
    }

    static TokenKill ofDeletion() {
        return EVERY_TOKEN;
    }

    static TokenKill ofRevocation() {
        return EVERY_TOKEN;
    }

    /**
     * Without a grace period a new secret answers a leak, and the tokens go; with one it is a planned rollover,
     * and they stay. A key client getting a secret is changing method, not recovering from a leak: its tokens stay.
     */
    static TokenKill ofSecretRegeneration(Boolean keepTokens, Duration grace, boolean usesKeys) {
        boolean keep = keepTokens != null ? keepTokens : !grace.isZero() || usesKeys;
        return keep ? NONE : EVERY_TOKEN;
    }

    /** Writes the cut-offs, in the caller's transaction. */
    void applyTo(String clientId, TokenCutoffs cutoffs) {
        if (everyToken) {
            cutoffs.cutOff(clientId);
        } else {
            scopes.forEach(scope -> cutoffs.cutOffScope(clientId, scope));
        }
    }
}
