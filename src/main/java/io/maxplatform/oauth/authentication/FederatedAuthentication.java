package io.maxplatform.oauth.authentication;

import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.client.ClientCache;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.config.InTransaction;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.federation.Anchor;
import io.maxplatform.oauth.federation.ClaimConditions;
import io.maxplatform.oauth.federation.IdentityTokens;
import io.maxplatform.oauth.federation.VerifiedIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code federated_jwt} client authentication: the client presents, as its RFC 7523 client assertion, the identity
 * token its platform gave it (a Kubernetes service-account token, a SPIFFE JWT-SVID, an OIDC token). The token is
 * checked against its trust anchor ({@link IdentityTokens}); the client is the one live client registered for
 * exactly that anchor and {@code sub}; its claim conditions must hold; a {@code client_id}, when sent, must name it
 * (RFC 7521 §4.2); and where the anchor demands single use, the token's {@code jti} is accepted once on every
 * instance. Tokens of anchors that do not (Kubernetes, SPIFFE) are reused by design until the platform replaces
 * them, within the anchor's maximum lifetime.
 */
@ApplicationScoped
class FederatedAuthentication {

    @Inject
    IdentityTokens identityTokens;

    @Inject
    ClientCache clients;

    @Inject
    AssertionReplayRepository replays;

    @Inject
    InTransaction transaction;

    /**
     * @param note told the anchor and the external subject for the audit row: as the token claims it at first, and
     *             once its checks passed, as verified
     */
    RegisteredClient authenticate(SignedJWT jwt, Anchor anchor, String clientIdParameter, Consumer<String> note) {
        note.accept(VerifiedIdentity.unverified(anchor.name(), claimedSubject(jwt)));
        VerifiedIdentity identity = identityTokens.verify(jwt, anchor, Instant.now());
        note.accept(identity.auditDetail());
        RegisteredClient client = clients.findFederated(anchor.name(), identity.subject())
                // Two caches answered: the client must still be this subject's (a change between them is refused).
                .filter(found -> found.isFederated() && anchor.name().equals(found.trustAnchor())
                        && identity.subject().equals(found.federatedSubject()))
                .orElseThrow(() -> OAuthException.invalidClient("unknown_federated_subject"));
        if (clientIdParameter != null && !clientIdParameter.equals(client.clientId())) {
            throw OAuthException.invalidClient("assertion_client_mismatch");
        }
        if (!ClaimConditions.met(client.federatedClaims(), identity.claims())) {
            throw OAuthException.invalidClient("federated_condition_unmet");
        }
        if (anchor.singleUse()) {
            recordFirstUse(client, identity);
        }
        if (!client.isActive()) {
            throw OAuthException.invalidClient("client_inactive");
        }
        return client;
    }

    private static String claimedSubject(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private void recordFirstUse(RegisteredClient client, VerifiedIdentity identity) {
        String jti = identity.claims().getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > ClientAssertions.MAX_JTI_LENGTH
                || jti.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.invalidClient("federated_without_jti");
        }
        AtomicBoolean first = new AtomicBoolean();
        // On its own: a token is spent once it authenticated, whatever becomes of the request.
        transaction.runOnItsOwn(() -> first.set(replays.recordFirstUse(client.clientId(), jti,
                identity.usableUntil().plus(IdentityTokens.SKEW))));
        if (!first.get()) {
            throw OAuthException.invalidClient("federated_replayed");
        }
    }
}
