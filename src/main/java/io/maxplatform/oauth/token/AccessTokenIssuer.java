package io.maxplatform.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.authentication.SecretGenerator;
import io.maxplatform.oauth.client.TokenCutoffs;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.key.SigningKeys;
import io.maxplatform.oauth.scope.ScopePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs access tokens with RFC 9068's claims. The header says {@code typ: JWT}, not RFC 9068's
 * {@code at+jwt}: Payara's MicroProfile JWT refuses {@code at+jwt} (measured on 6.2025.10), and the
 * server's own admin API must accept its tokens. {@code groups} carries the roles MicroProfile JWT maps.
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
        SigningKeys.ActiveKey key = keys.active();
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
        JWSHeader header = new JWSHeader.Builder(key.algorithm())
                .type(JOSEObjectType.JWT)
                .keyID(key.kid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), tokenId, expiresAt);
    }
}
