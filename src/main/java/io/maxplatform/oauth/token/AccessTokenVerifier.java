package io.maxplatform.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.maxplatform.oauth.config.JwtVerificationConfigSource;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.key.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a token this server issued, for introspection and revocation: signature by a published key
 * (RS256 or ES256 only), {@code typ: JWT}, exact issuer, an audience (this server's or one a client asked
 * for with RFC 8707's {@code resource}), not expired (60 s leeway,
 * as MicroProfile JWT is configured). Anything else is simply not a valid token.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    @Inject
    SigningKeys keys;

    @Inject
    ServerSettings settings;

    private volatile String jwksSource;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    /**
     * Not issued, nor valid from, further in the future than the clock skew (RFC 7519 §4.1.5–4.1.6): a token
     * minted ahead of time is not valid yet. Either time may be absent (null).
     */
    public static boolean isAlreadyValid(Long issuedAt, Long notBefore, Instant now) {
        long latest = now.getEpochSecond() + JwtVerificationConfigSource.CLOCK_SKEW_SECONDS;
        return (issuedAt == null || issuedAt <= latest) && (notBefore == null || notBefore <= latest);
    }

    public Optional<JWTClaimsSet> verify(String token) {
        if (!CompactJws.isCanonical(token)) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor().process(token, null);
            Long issuedAt = claims.getIssueTime() == null ? null : claims.getIssueTime().getTime() / 1000;
            Long notBefore = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().getTime() / 1000;
            return isAlreadyValid(issuedAt, notBefore, Instant.now()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            return Optional.empty();
        }
    }

    /** Built once per key set, and again when a rotation changes the published keys. */
    private DefaultJWTProcessor<SecurityContext> processor() throws ParseException {
        String jwks = keys.publishedJwks();
        if (processor == null || !jwks.equals(jwksSource)) {
            DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
            built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
            built.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                    new ImmutableJWKSet<>(JWKSet.parse(jwks))));
            // Any audience: a token may be for another resource (RFC 8707), and introspection reports it.
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>((Set<String>) null,
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                    Set.of("sub", "aud", "exp", "iat", "jti", "client_id"), null);
            claims.setMaxClockSkew((int) JwtVerificationConfigSource.CLOCK_SKEW_SECONDS);
            built.setJWTClaimsSetVerifier(claims);
            processor = built;
            jwksSource = jwks;
        }
        return processor;
    }
}
