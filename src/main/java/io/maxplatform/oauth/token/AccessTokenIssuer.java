package io.maxplatform.oauth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.key.ActiveKey;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.scope.ScopePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs access tokens with RFC 9068's claims (the header: {@link ActiveKey}). {@code groups}
 * carries the roles MicroProfile JWT maps.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    @Inject
    ServerSettings settings;

    @Inject
    SigningKeys keys;

    @Inject
    TokenCutoffs cutoffs;

    public record AccessToken(String value, String tokenId, Instant expiresAt) {
    }

    /** @param audiences the token's {@code aud}: the server's own audience, or what the client asked for (RFC 8707) */
    public AccessToken issue(String clientId, ScopePolicy.Grant grant, Duration lifetime, List<String> audiences) {
        ActiveKey key = keys.active();
        // Whole seconds: exp − iat is then exactly the expires_in the client is told.
        // Not before the client's last cut-off (TokenCutoffs), or a token issued in that second is born dead.
        Instant now = Instant.ofEpochSecond(cutoffs.earliestIssueTime(clientId, Instant.now().getEpochSecond()));
        Instant expiresAt = now.plus(lifetime);
        String tokenId = SecretGenerator.randomToken(18);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(clientId)
                .audience(audiences)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(tokenId)
                .claim("client_id", clientId)
                .claim("scope", grant.scopeString())
                .claim("groups", grant.roles())
                // MicroProfile JWT's caller name (JsonWebToken#getName) is upn when present.
                .claim("upn", clientId)
                .build();
        return new AccessToken(key.sign(claims.toString()), tokenId, expiresAt);
    }
}
