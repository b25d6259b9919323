package io.maxplatform.oauth.authentication;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.client.ClientCache;
import io.maxplatform.oauth.client.ClientId;
import io.maxplatform.oauth.client.RegisteredClient;
import io.maxplatform.oauth.error.OAuthException;
import io.maxplatform.oauth.federation.Anchor;
import io.maxplatform.oauth.federation.IdentityTokens;
import io.maxplatform.oauth.federation.TrustAnchors;
import io.maxplatform.oauth.federation.VerifiedIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Confidential-client authentication, by secret, by signed assertion ({@code private_key_jwt}) or by a trust
 * anchor's identity token ({@code federated_jwt}), as the client registered: each client uses its own method only. Unknown client, wrong
 * credentials and inactive client fail alike ({@code invalid_client}, no enumeration); the audit reason says
 * which. Both kinds count towards the same failed-authentication limits.
 */
@ApplicationScoped
public class ClientAuthenticator {

    /** Longer secrets are refused before hashing. */
    static final int MAX_SECRET_LENGTH = 512;

    @Inject
    ClientCache clients;

    @Inject
    ClientSecrets secrets;

    @Inject
    AuthenticationThrottle throttle;

    @Inject
    ClientAssertions assertions;

    @Inject
    FederatedAuthentication federated;

    @Inject
    TrustAnchors anchors;

    /** Refusals that say nothing about the credentials presented, and so do not count towards a lock-out. */
    private static final Set<String> NOT_THE_CLIENTS_FAULT = Set.of(IdentityTokens.KEYS_UNAVAILABLE,
            ClientAssertions.CLIENT_KEYS_UNAVAILABLE);

    RegisteredClient authenticate(ClientCredentials credentials, String sourceAddress) {
        return throttled(credentials.clientId(), sourceAddress, () -> verify(credentials));
    }

    /**
     * Throttled under the client id the request claims (its {@code client_id}, else the assertion's
     * {@code sub}), so an assertion that cannot even be read still counts against its sender's address.
     * An identity token of a trust anchor (its {@code iss}, or for SPIFFE the trust domain of its {@code sub}, names
     * one) authenticates a {@code federated_jwt} client; any other assertion, a {@code private_key_jwt} client's.
     *
     * @param note told what the audit row should say of the credential (the anchor and the external subject)
     */
    RegisteredClient authenticate(ClientAssertion presented, String sourceAddress, Consumer<String> note) {
        String claimed = presented.clientIdParameter() != null ? presented.clientIdParameter()
                : presented.claimedSubject().or(() -> federatedClaim(presented)).orElse("");
        return throttled(claimed, sourceAddress, () -> {
            SignedJWT jwt = presented.parsed();
            Optional<Anchor> anchor = anchorOf(jwt, presented.isSpiffe(), note);
            if (anchor.isPresent()) {
                return federated.authenticate(jwt, anchor.get(), presented.clientIdParameter(), note);
            }
            String clientId = subject(jwt);
            if (presented.clientIdParameter() != null && !presented.clientIdParameter().equals(clientId)) {
                throw OAuthException.invalidClient("assertion_client_mismatch");
            }
            return verify(clientId, jwt);
        });
    }

    /**
     * For an identity token sent without {@code client_id}: the client its anchor and {@code sub} name, unverified, so
     * that its failures count against that client rather than against every such request from the address (pods
     * behind one NAT would otherwise share one limit).
     */
    private Optional<String> federatedClaim(ClientAssertion presented) {
        try {
            JWTClaimsSet claims = presented.parsed().getJWTClaimsSet();
            if (!IdentityTokens.isWellFormedSubject(claims.getSubject())) {
                return Optional.empty();
            }
            return anchors.forToken(claims.getIssuer(), claims.getSubject(), presented.isSpiffe())
                    .flatMap(anchor -> clients.findFederated(anchor.name(), claims.getSubject()))
                    .map(RegisteredClient::clientId);
        } catch (OAuthException | ParseException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The trust anchor the token names, if any. A token that names an issuer by URL or a SPIFFE ID, and yet no
     * anchor, is refused as such: it is no client's own assertion (whose {@code iss} is its client id).
     */
    private Optional<Anchor> anchorOf(SignedJWT jwt, boolean spiffeOnly, Consumer<String> note) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
        Optional<Anchor> anchor = anchors.forToken(claims.getIssuer(), claims.getSubject(), spiffeOnly);
        if (anchor.isEmpty() && (spiffeOnly || ClientAssertion.namesAnIssuer(claims.getIssuer(), claims.getSubject()))) {
            note.accept("no trust anchor: " + VerifiedIdentity.claimed("issuer", claims.getIssuer()) + " "
                    + VerifiedIdentity.claimed("subject", claims.getSubject()));
            throw OAuthException.invalidClient("unknown_trust_anchor");
        }
        return anchor;
    }

    private RegisteredClient throttled(String clientId, String sourceAddress, Supplier<RegisteredClient> verification) {
        throttle.attempt(clientId, sourceAddress);
        RegisteredClient client;
        try {
            client = verification.get();
        } catch (OAuthException failed) {
            if (failed.status() == 429 || NOT_THE_CLIENTS_FAULT.contains(failed.auditReason())) {
                // The server was busy, or the keys to check with could not be fetched: not the client's failure.
                throttle.release(clientId, sourceAddress);
            } else {
                throttle.failed(clientId, sourceAddress);
            }
            throw failed;
        } catch (RuntimeException serverSide) {
            // Not the client's failure (the database, say): it must not count towards a lock-out.
            throttle.release(clientId, sourceAddress);
            throw serverSide;
        }
        throttle.release(clientId, sourceAddress);
        return client;
    }

    private static String subject(SignedJWT jwt) {
        try {
            String subject = jwt.getJWTClaimsSet().getSubject();
            if (subject == null || subject.isEmpty()) {
                throw OAuthException.invalidClient("assertion_without_sub");
            }
            return subject;
        } catch (ParseException e) {
            throw OAuthException.invalidClient("malformed_assertion");
        }
    }

    private RegisteredClient verify(String clientId, SignedJWT jwt) {
        if (!ClientId.mayNameAClient(clientId)) {
            throw OAuthException.invalidClient("malformed_client_id");
        }
        RegisteredClient client = clients.find(clientId).orElseThrow(() -> OAuthException.invalidClient("unknown_client"));
        if (!client.usesKeys()) {
            throw OAuthException.invalidClient(client.isFederated() ? "own_assertion_for_federated_client"
                    : "assertion_for_secret_client");
        }
        assertions.verify(jwt, client);
        if (!client.isActive()) {
            throw OAuthException.invalidClient("client_inactive");
        }
        return client;
    }

    private RegisteredClient verify(ClientCredentials credentials) {
        if (credentials.clientId().length() > ClientId.MAX_LENGTH
                || credentials.secret().length() > MAX_SECRET_LENGTH) {
            throw OAuthException.invalidClient("credentials_too_long");
        }
        if (!ClientId.mayNameAClient(credentials.clientId())) {
            secrets.matchNothing(credentials.secret());
            throw OAuthException.invalidClient("malformed_client_id");
        }
        RegisteredClient client = clients.find(credentials.clientId()).orElse(null);
        if (client == null) {
            secrets.matchNothing(credentials.clientId(), credentials.secret());
            throw OAuthException.invalidClient("unknown_client");
        }
        if (!client.usesSecret()) {
            secrets.matchNothing(credentials.secret());
            throw OAuthException.invalidClient(client.isFederated() ? "secret_for_federated_client" : "secret_for_key_client");
        }
        if (!secrets.verify(client, credentials.secret())) {
            throw OAuthException.invalidClient("bad_secret");
        }
        if (!client.isActive()) {
            throw OAuthException.invalidClient("client_inactive");
        }
        return client;
    }
}
