package io.maxplatform.oauth.revocation;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import io.maxplatform.oauth.error.ErrorResponses;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.token.AccessTokenVerifier;
import io.maxplatform.oauth.token.CompactJws;
import io.maxplatform.oauth.web.AccessDenials;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What MicroProfile JWT cannot check about a bearer token at a protected resource (the {@code @DenyAll} admin
 * resources), checked right after it: the token is in strict compact form ({@link CompactJws}) of type
 * {@code JWT}, is already valid ({@code iat} and {@code nbf} not in the future beyond the clock skew: Payara's MicroProfile JWT checks
 * neither), carries a {@code jti}, is signed by a key published now, and is still alive ({@link TokenLiveness}). All
 * from memory: no database round trip. Revocations and cut-offs made on another node reach this one at its
 * next start (several nodes on one database are not supported yet; see the README). A token that cannot be
 * checked is refused, never waved through.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class RevocationFilter implements ContainerRequestFilter {

    @Inject
    TokenLiveness liveness;

    @Inject
    AccessDenials denials;

    @Inject
    SigningKeys keys;

    @Context
    HttpServletRequest request;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext context) {
        // Decided by the matched resource, not the path text (matrix parameters such as "api;x/admin" still match).
        Class<?> resource = resourceInfo.getResourceClass();
        Principal principal = context.getSecurityContext().getUserPrincipal();
        if (resource == null || !resource.isAnnotationPresent(DenyAll.class)) {
            return;
        }
        if (principal == null) {
            // @RolesAllowed refuses it too, where the runtime enforces it (RESTEasy only when configured to):
            // never rely on that for the admin API.
            throw new NotAuthorizedException(ErrorResponses.bearerChallenge(false));
        }
        String refusal = refusal(principal);
        if (refusal != null) {
            denials.record(request, principal.getName(), refusal);
            context.abortWith(Response.fromResponse(ErrorResponses.detail(401, ErrorResponses.INVALID_TOKEN_DETAIL))
                    .header(HttpHeaders.WWW_AUTHENTICATE, ErrorResponses.bearerChallenge(true))
                    .build());
        }
    }

    /** A NumericDate claim as MicroProfile JWT runtimes hand it over (a Long, or a JSON number); null if absent. */
    private static Long numericDate(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim instanceof JsonNumber number) {
            return number.longValue();
        }
        return null;
    }

    /** A string claim as MicroProfile JWT runtimes hand it over (a String, or a JSON string); null if absent. */
    private static String text(Object claim) {
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        return claim == null ? null : claim.toString();
    }

    /** Why the caller's token is refused, or null when it may be used. */
    String refusal(Principal principal) {
        if (!(principal instanceof JsonWebToken token)) {
            return "Token of unknown kind";
        }
        if (!CompactJws.isCanonical(token.getRawToken())) {
            return "Token not in canonical compact form";
        }
        JWSHeader header = CompactJws.header(token.getRawToken());
        // Payara's MicroProfile JWT refuses another typ, WildFly's (SmallRye) does not look: the same rule
        // everywhere, and the one introspection applies (AccessTokenVerifier).
        if (header == null || !JOSEObjectType.JWT.equals(header.getType())) {
            return "Token type is not JWT";
        }
        if (!CompactJws.isShallow(token.getRawToken())) {
            return "Token claims nested too deep";
        }
        Long issuedAt = numericDate(token.getClaim("iat"));
        if (!AccessTokenVerifier.isAlreadyValid(issuedAt, numericDate(token.getClaim("nbf")), Instant.now())) {
            return "Token not yet valid";
        }
        if (token.getTokenID() == null) {
            return "Token without jti";
        }
        // MicroProfile JWT may still hold a key in its cached JWKS that was withdrawn or has expired since.
        if (!keys.isPublished(header.getKeyID())) {
            return "Token signed by a key no longer published (rotated out or withdrawn)";
        }
        return liveness.whyDead(token.getTokenID(), text(token.getClaim("client_id")), text(token.getClaim("scope")),
                issuedAt);
    }
}
