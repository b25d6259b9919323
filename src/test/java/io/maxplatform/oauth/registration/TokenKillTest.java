package io.maxplatform.oauth.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.maxplatform.oauth.client.TokenCutoffs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenKillTest {

    private static final TokenKill.Powers BEFORE =
            new TokenKill.Powers(true, List.of("read:profile", "write:orders"), List.of("reports-api"));

    private static TokenKill.Powers after(boolean active, List<String> scopes, List<String> audiences) {
        return new TokenKill.Powers(active, scopes, audiences);
    }

    private static TokenKill scopes(String... scopes) {
        return new TokenKill(false, List.of(scopes));
    }

    @Test
    void anEditThatTakesNothingAwayKillsNothing() {
        assertEquals(TokenKill.NONE, TokenKill.ofEdit(BEFORE, BEFORE));
        assertEquals(TokenKill.NONE, TokenKill.ofEdit(BEFORE,
                after(true, List.of("read:profile", "write:orders", "read:orders"), List.of("reports-api", "orders-api"))));
        TokenKill.Powers inactive = after(false, BEFORE.allowedScopes(), BEFORE.allowedAudiences());
        assertEquals(TokenKill.NONE, TokenKill.ofEdit(inactive, BEFORE), "reactivated");
    }

    @Test
    void deactivatingKillsEveryToken() {
        TokenKill.Powers inactive = after(false, BEFORE.allowedScopes(), BEFORE.allowedAudiences());
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofEdit(BEFORE, inactive));
    }

    @Test
    void takingAnAudienceAwayKillsEveryToken() {
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofEdit(BEFORE, after(true, BEFORE.allowedScopes(), List.of())));
        assertEquals(TokenKill.EVERY_TOKEN,
                TokenKill.ofEdit(BEFORE, after(true, BEFORE.allowedScopes(), List.of("orders-api"))));
    }

    @Test
    void takingAScopeAwayKillsTheTokensThatCarryIt() {
        assertEquals(scopes("write:orders"),
                TokenKill.ofEdit(BEFORE, after(true, List.of("read:profile"), BEFORE.allowedAudiences())));
        assertEquals(scopes("read:profile", "write:orders"),
                TokenKill.ofEdit(BEFORE, after(true, List.of("read:orders"), BEFORE.allowedAudiences())));
    }

    @Test
    void anInactiveClientsNarrowedScopesStillKillTheirTokens() {
        TokenKill.Powers inactive = after(false, BEFORE.allowedScopes(), BEFORE.allowedAudiences());
        assertEquals(scopes("write:orders"),
                TokenKill.ofEdit(inactive, after(false, List.of("read:profile"), List.of("reports-api"))));
    }

    @Test
    void takingAwayAScopeThatCoversOthersKillsEveryToken() {
        for (String covering : List.of("admin:full", "manage:*")) {
            TokenKill.Powers before = after(true, List.of("read:profile", covering), List.of());
            assertEquals(TokenKill.EVERY_TOKEN,
                    TokenKill.ofEdit(before, after(true, List.of("read:profile"), List.of())), covering);
        }
    }

    @Test
    void everyTokenDiesWhenAllIsTakenAtOnceEvenWithScopesTakenToo() {
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofEdit(BEFORE, after(false, List.of("read:profile"), List.of())));
    }

    @Test
    void deletionAndRevocationKillEveryToken() {
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofDeletion());
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofRevocation());
    }

    @Test
    void aNewSecretKillsEveryTokenOnlyWhenItAnswersALeak() {
        Duration none = Duration.ZERO;
        Duration day = Duration.ofDays(1);
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofSecretRegeneration(null, none, false), "a leak");
        assertEquals(TokenKill.NONE, TokenKill.ofSecretRegeneration(null, day, false), "a planned rollover");
        assertEquals(TokenKill.NONE, TokenKill.ofSecretRegeneration(null, none, true), "a key client changing method");
        assertEquals(TokenKill.NONE, TokenKill.ofSecretRegeneration(true, none, false), "keep_tokens=true");
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofSecretRegeneration(false, day, false), "keep_tokens=false");
        assertEquals(TokenKill.EVERY_TOKEN, TokenKill.ofSecretRegeneration(false, none, true), "keep_tokens=false");
    }

    @Test
    void everyTokenIsOneCutOffAndScopesOneEach() {
        List<String> written = new ArrayList<>();
        TokenCutoffs cutoffs = new TokenCutoffs() {
            @Override
            public void cutOff(String clientId) {
                written.add(clientId + " *");
            }

            @Override
            public void cutOffScope(String clientId, String scope) {
                written.add(clientId + " " + scope);
            }
        };

        TokenKill.EVERY_TOKEN.applyTo("svc", cutoffs);
        scopes("read:profile", "write:orders").applyTo("svc", cutoffs);
        TokenKill.NONE.applyTo("svc", cutoffs);

        assertEquals(List.of("svc *", "svc read:profile", "svc write:orders"), written);
    }
}
