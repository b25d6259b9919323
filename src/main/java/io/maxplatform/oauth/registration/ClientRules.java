package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.ClientAuthentication;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.scope.ScopePolicy;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** What a client registration must satisfy, with the message that says what is wrong. */
final class ClientRules {

    static final int MAX_NAME_LENGTH = 200;
    static final int MIN_LIFETIME_SECONDS = 60;
    static final int MAX_LIFETIME_SECONDS = 366 * 24 * 3600;

    private ClientRules() {
    }

    static void checkClientId(String clientId) {
        if (!ClientId.isRegistrable(clientId)) {
            throw ApiException.badRequest("client_id must be 3 to " + ClientId.MAX_LENGTH + " characters: lower-case "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("client_name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
    }

    static void checkLifetime(Integer seconds) {
        if (seconds != null && (seconds < MIN_LIFETIME_SECONDS || seconds > MAX_LIFETIME_SECONDS)) {
            throw ApiException.badRequest("token_lifetime_seconds must be between " + MIN_LIFETIME_SECONDS + " and "
                    + MAX_LIFETIME_SECONDS);
        }
    }

    /** Allowed scopes exist, defaults are among them, and the caller may hand each one on. */
    static void checkScopes(List<String> allowed, List<String> defaults, ScopePolicy policy, Collection<String> callerRoles) {
        if (allowed.isEmpty()) {
            throw ApiException.badRequest("allowed_scopes must name at least one scope");
        }
        if (new HashSet<>(allowed).size() != allowed.size() || new HashSet<>(defaults).size() != defaults.size()) {
            throw ApiException.badRequest("allowed_scopes and default_scopes must not repeat a scope");
        }
        for (String scope : allowed) {
            if (!policy.exists(scope)) {
                throw ApiException.badRequest("Unknown scope: " + scope);
            }
            if (!ScopePolicy.mayDelegate(callerRoles, scope)) {
                throw new ApiException(403, "Only a caller holding " + scope + " (or admin:full) may allow it to a client");
            }
        }
        for (String scope : defaults) {
            if (!allowed.contains(scope)) {
                throw ApiException.badRequest("Default scope " + scope + " is not among allowed_scopes");
            }
        }
    }

    static final int MAX_AUDIENCES = 20;
    static final int MAX_AUDIENCE_LENGTH = 200;
    /** A name such as {@code reports-api} or {@code urn:maxplatform:reports}: no spaces, no fragment. */
    static final Pattern AUDIENCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/?=&%~+-]*");

    static void checkAuthMethod(String method) {
        if (!ClientAuthentication.METHODS.contains(method)) {
            throw ApiException.badRequest("token_endpoint_auth_method must be one of " + String.join(", ", ClientAuthentication.METHODS));
        }
    }

    /**
     * The audiences a client may ask for with {@code resource} (RFC 8707): absolute URIs without a fragment
     * (§2), or plain names; unique, at most {@value #MAX_AUDIENCES}.
     */
    static void checkAudiences(List<String> audiences) {
        if (audiences.size() > MAX_AUDIENCES || new HashSet<>(audiences).size() != audiences.size()) {
            throw ApiException.badRequest("allowed_audiences must hold at most " + MAX_AUDIENCES + " different values");
        }
        for (String audience : audiences) {
            if (audience.length() > MAX_AUDIENCE_LENGTH || !AUDIENCE_NAME.matcher(audience).matches()) {
                throw ApiException.badRequest("allowed_audiences: each must be an absolute URI without a fragment or a "
                        + "name of letters, digits and . _ : / - (at most " + MAX_AUDIENCE_LENGTH + " characters)");
            }
        }
    }
}
