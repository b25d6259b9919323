package io.maxplatform.oauth.federation;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.outbound.KeysUnavailable;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.logging.Logger;

/**
 * Checks an identity token another issuer signed (a Kubernetes service-account token, a SPIFFE JWT-SVID, an OIDC
 * token) against the trust anchor it claims to come from, as RFC 7523 §3 asks of a client assertion: signed
 * (RS256, PS256 or ES256) by a current key of that anchor; {@code aud} naming one of the anchor's audiences;
 * {@code exp} required and not passed; a lifetime ({@code exp − iat}, or {@code exp − now} without {@code iat}) within
 * the anchor's maximum; neither {@code nbf} nor {@code iat} in the future. Each failure is {@code invalid_client}
 * with its own audit reason. What the token authenticates as is {@link FederatedClients}'s to say.
 */
@ApplicationScoped
public class IdentityTokens {

    private static final Logger LOG = Logger.getLogger(IdentityTokens.class.getName());
    /** The clock difference tolerated between this server and the issuer. */
    public static final Duration SKEW = Duration.ofSeconds(60);
    public static final int MAX_SUBJECT_LENGTH = 500;

    /**
     * A subject a federated client can be registered for: 1 to {@value #MAX_SUBJECT_LENGTH} printable ASCII characters
     * without spaces. Anything else names no client, and is refused before it is looked up.
     */
    public static boolean isWellFormedSubject(String subject) {
        return subject != null && !subject.isEmpty() && subject.length() <= MAX_SUBJECT_LENGTH
                && subject.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    @Inject
    RemoteKeySets remoteKeys;

    public VerifiedIdentity verify(SignedJWT jwt, Anchor anchor, Instant now) {
        if (!Signatures.ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw OAuthException.invalidClient("federated_algorithm_refused");
        }
        verifySignature(jwt, anchor);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isEmpty()) {
            throw OAuthException.invalidClient("assertion_without_sub");
        }
        if (!isWellFormedSubject(subject)) {
            throw OAuthException.invalidClient("federated_malformed_subject");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(anchor.audiences()::contains)) {
            throw OAuthException.invalidClient("federated_wrong_audience");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw OAuthException.invalidClient("assertion_without_exp");
        }
        if (exp.toInstant().isBefore(now.minus(SKEW))) {
            throw OAuthException.invalidClient("federated_expired");
        }
        Instant start = claims.getIssueTime() != null ? claims.getIssueTime().toInstant()
                : claims.getNotBeforeTime() != null ? claims.getNotBeforeTime().toInstant() : now;
        if (Duration.between(start, exp.toInstant()).compareTo(anchor.maxLifetime().plus(SKEW)) > 0) {
            throw OAuthException.invalidClient("federated_lifetime_too_long");
        }
        Instant latestStart = now.plus(SKEW);
        if ((claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latestStart))
                || (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(latestStart))) {
            throw OAuthException.invalidClient("federated_not_yet_valid");
        }
        return new VerifiedIdentity(anchor, subject, claims, exp.toInstant());
    }

    private void verifySignature(SignedJWT jwt, Anchor anchor) {
        switch (Signatures.check(jwt, keys(anchor, jwt.getHeader().getKeyID()))) {
            case NO_MATCHING_KEY -> throw OAuthException.invalidClient("federated_unknown_key");
            case BAD_SIGNATURE -> throw OAuthException.invalidClient("federated_bad_signature");
            case VERIFIED -> { }
        }
    }

    /** The anchor's keys; for a {@code kid} it does not know, fetched again first (a key rotated at the issuer). */
    private List<JWK> keys(Anchor anchor, String kid) {
        if (anchor.inlineKeys().isPresent()) {
            return anchor.inlineKeys().get();
        }
        try {
            return remoteKeys.keysWithKid(anchor.keySource().get(), kid);
        } catch (KeysUnavailable e) {
            LOG.warning("Trust anchor " + anchor.name() + ": no usable keys, so its identity tokens are refused: "
                    + e.getMessage());
            throw OAuthException.invalidClient(KEYS_UNAVAILABLE);
        }
    }

    /** The audit reason of a token refused because its anchor's keys could not be had: the issuer's fault, not the client's. */
    public static final String KEYS_UNAVAILABLE = "trust_anchor_keys_unavailable";
}
