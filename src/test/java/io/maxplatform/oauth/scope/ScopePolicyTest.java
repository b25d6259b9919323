package io.maxplatform.oauth.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.error.OAuthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {

    private final ScopePolicy policy = new ScopePolicy(Set.of("admin:oauth", "admin:users", "admin:system", "admin:full",
            "read:profile", "read:features", "read:groups", "manage:*"));

    private String refusal(List<String> requested, List<String> allowed, List<String> defaults) {
        return assertThrows(OAuthException.class, () -> policy.grant(requested, allowed, defaults)).error();
    }

    @Test
    void grantsExactlyTheRequestedAllowedScopes() {
        ScopePolicy.Grant grant = policy.grant(List.of("admin:users"), List.of("admin:oauth", "admin:users"), List.of());

        assertEquals(List.of("admin:users"), grant.scopes());
        assertEquals(List.of("admin:users"), grant.roles());
    }

    @Test
    void aScopeNotAllowedFailsTheWholeRequest() {
        assertEquals("invalid_scope", refusal(List.of("admin:oauth", "admin:full"), List.of("admin:oauth"), List.of()));
    }

    @Test
    void unknownScopesAndOtherCasesAreRefused() {
        assertEquals("invalid_scope", refusal(List.of("admin:nothing"), List.of("admin:full"), List.of()));
        assertEquals("invalid_scope", refusal(List.of("ADMIN:OAUTH"), List.of("admin:oauth"), List.of()));
    }

    @Test
    void noScopeMeansTheDefaults() {
        assertEquals(List.of("read:profile"), policy.grant(List.of(), List.of("read:profile", "read:groups"),
                List.of("read:profile")).scopes());
        assertEquals("invalid_scope", refusal(List.of(), List.of("read:profile"), List.of()));
    }

    @Test
    void adminFullCoversAndExpandsToEveryAdminScope() {
        assertEquals(List.of("admin:oauth"), policy.grant(List.of("admin:oauth"), List.of("admin:full"), List.of()).scopes());

        ScopePolicy.Grant full = policy.grant(List.of("admin:full"), List.of("admin:full"), List.of());

        assertEquals(List.of("admin:full"), full.scopes());
        assertEquals(List.of("admin:full", "admin:oauth", "admin:system", "admin:users"), full.roles());
    }

    @Test
    void manageWildcardCoversAnyManageThingButNothingElse() {
        assertEquals(List.of("manage:reports"), policy.grant(List.of("manage:reports"), List.of("manage:*"), List.of()).scopes());
        assertEquals("invalid_scope", refusal(List.of("manage:"), List.of("manage:*"), List.of()));
        assertEquals("invalid_scope", refusal(List.of("manage:reports"), List.of("read:profile"), List.of()));
        assertEquals("invalid_scope", refusal(List.of("read:profile"), List.of("manage:*"), List.of()));
    }
}
