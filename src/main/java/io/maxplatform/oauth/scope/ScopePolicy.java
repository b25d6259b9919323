package io.maxplatform.oauth.scope;

import io.maxplatform.oauth.error.OAuthException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scopes a client may be granted, and which roles they become (src/site/markdown/service-developers.md, "Scopes"):
 * <ul>
 * <li>every requested scope must be allowed to the client, or the request fails with {@code invalid_scope}
 *     (nothing is silently dropped: CVE-2024-52287);</li>
 * <li>an allowed {@code admin:full} covers every registered {@code admin:*} scope, and a granted one adds
 *     all of them to the roles;</li>
 * <li>an allowed {@code manage:*} covers any {@code manage:<thing>};</li>
 * <li>no requested scope means the client's default scopes (RFC 6749 §3.3).</li>
 * </ul>
 */
public final class ScopePolicy {

    public static final String ADMIN_FULL = "admin:full";
    static final String ADMIN_PREFIX = "admin:";
    static final String MANAGE_PREFIX = "manage:";
    static final String MANAGE_ANY = "manage:*";

    private final Set<String> registered;

    /** @param registered the scopes of the registry */
    public ScopePolicy(Set<String> registered) {
        this.registered = Set.copyOf(registered);
    }

    /** A grant: the scopes as the token and response state them, and the roles for MicroProfile JWT. */
    public record Grant(List<String> scopes, List<String> roles) {
        public String scopeString() {
            return String.join(" ", scopes);
        }
    }

    public Grant grant(List<String> requested, List<String> allowed, List<String> defaults) {
        List<String> scopes = requested.isEmpty() ? defaults : requested;
        if (scopes.isEmpty()) {
            throw OAuthException.invalidScope("No scope was requested and the client has no default scopes");
        }
        for (String scope : scopes) {
            if (!exists(scope)) {
                throw OAuthException.invalidScope("Unknown scope: " + scope);
            }
            if (!covers(allowed, scope)) {
                throw OAuthException.invalidScope("The client is not allowed the scope " + scope);
            }
        }
        return new Grant(List.copyOf(scopes), roles(scopes));
    }

    /** Whether {@code scope} names a registered scope or a {@code manage:<thing>}. */
    public boolean exists(String scope) {
        return registered.contains(scope) || isManageScope(scope);
    }

    /**
     * Whether a caller holding {@code callerRoles} may allow {@code scope} to a client. {@code admin:*} scopes
     * can only be handed on by a caller who holds them (or {@code admin:full}), so the admin API cannot be
     * used to climb above one's own privileges; other scopes are an administrator's to give.
     */
    public static boolean mayDelegate(java.util.Collection<String> callerRoles, String scope) {
        if (!scope.startsWith(ADMIN_PREFIX) || callerRoles.contains(ADMIN_FULL)) {
            return true;
        }
        return !scope.equals(ADMIN_FULL) && callerRoles.contains(scope);
    }

    /** Whether allowing {@code scope} also allows others ({@code admin:full}, {@code manage:*}). */
    public static boolean coversOthers(String scope) {
        return scope.equals(ADMIN_FULL) || scope.equals(MANAGE_ANY);
    }

    private boolean covers(List<String> allowed, String scope) {
        return allowed.contains(scope)
                || (scope.startsWith(ADMIN_PREFIX) && allowed.contains(ADMIN_FULL))
                || (isManageScope(scope) && allowed.contains(MANAGE_ANY));
    }

    private static boolean isManageScope(String scope) {
        return scope.startsWith(MANAGE_PREFIX) && scope.length() > MANAGE_PREFIX.length();
    }

    private List<String> roles(List<String> scopes) {
        Set<String> roles = new LinkedHashSet<>(scopes);
        if (scopes.contains(ADMIN_FULL)) {
            registered.stream().filter(s -> s.startsWith(ADMIN_PREFIX)).sorted().forEach(roles::add);
        }
        return List.copyOf(roles);
    }
}
