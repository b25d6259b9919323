package io.maxplatform.oauth.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The checks of an identity token against an anchor with inline keys: no HTTP involved. */
class IdentityTokensTest {

    private static final String AUDIENCE = "https://auth.example/api/oauth";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final ECKey key = generate("cluster-1");
    private final Anchor anchor = new Anchor("cluster", AnchorKind.KUBERNETES, "https://cluster.example",
            Optional.of(List.of(key.toPublicJWK())), Optional.empty(), Duration.ofHours(1), List.of(AUDIENCE), false);
    private final IdentityTokens tokens = new IdentityTokens();

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private SignedJWT token(ECKey signer, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("https://cluster.example")
                .subject("system:serviceaccount:payments:reports").audience(AUDIENCE)
                .issueTime(Date.from(NOW.minusSeconds(600))).expirationTime(Date.from(NOW.plusSeconds(3000)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID()).build(),
                change.apply(claims).build());
        jwt.sign(new ECDSASigner(signer));
        return jwt;
    }

    private String refusal(SignedJWT jwt) {
        return assertThrows(OAuthException.class, () -> tokens.verify(jwt, anchor, NOW)).auditReason();
    }

    @Test
    void aProjectedServiceAccountTokenOfAnHourIsAccepted() throws JOSEException {
        VerifiedIdentity identity = tokens.verify(token(key, UnaryOperator.identity()), anchor, NOW);

        assertEquals("system:serviceaccount:payments:reports", identity.subject());
        assertEquals(NOW.plusSeconds(3000), identity.usableUntil());
        assertEquals("trust_anchor=cluster subject=system:serviceaccount:payments:reports", identity.auditDetail());
    }

    @Test
    void eachFaultHasItsOwnReason() throws JOSEException {
        assertEquals("federated_wrong_audience", refusal(token(key, c -> c.audience("https://other.example"))));
        assertEquals("assertion_without_exp", refusal(token(key, c -> c.expirationTime(null))));
        assertEquals("federated_expired", refusal(token(key, c -> c.expirationTime(Date.from(NOW.minusSeconds(61))))));
        assertEquals("federated_lifetime_too_long", refusal(token(key,
                c -> c.issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plus(Duration.ofHours(2)))))));
        assertEquals("federated_lifetime_too_long", refusal(token(key,
                c -> c.issueTime(null).expirationTime(Date.from(NOW.plus(Duration.ofHours(2)))))), "without iat, from now");
        assertEquals("federated_not_yet_valid", refusal(token(key, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(120))))));
        assertEquals("federated_not_yet_valid", refusal(token(key, c -> c.issueTime(Date.from(NOW.plusSeconds(120))))));
        assertEquals("assertion_without_sub", refusal(token(key, c -> c.subject(null))));
        assertEquals("federated_unknown_key", refusal(token(generate("cluster-2"), UnaryOperator.identity())));
        assertEquals("federated_bad_signature", refusal(token(generate("cluster-1"), UnaryOperator.identity())));
    }

    /** HS256 keyed with the anchor's public key, the classic algorithm confusion, and ES256 signed by an RSA-less key set. */
    @Test
    void onlyAsymmetricAlgorithmsAreAccepted() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("cluster-1").build(),
                token(key, UnaryOperator.identity()).getJWTClaimsSet());
        hmac.sign(new MACSigner(key.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8)));
        assertEquals("federated_algorithm_refused", refusal(hmac));
    }
}
