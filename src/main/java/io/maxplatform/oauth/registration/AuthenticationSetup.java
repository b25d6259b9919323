package io.maxplatform.oauth.registration;

import io.maxplatform.oauth.client.Client;
import io.maxplatform.oauth.client.ClientAuthentication;
import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.federation.AnchorKind;
import io.maxplatform.oauth.federation.ClaimConditions;
import io.maxplatform.oauth.federation.IdentityTokens;
import io.maxplatform.oauth.federation.TrustAnchor;
import io.maxplatform.oauth.federation.TrustAnchorService;
import io.maxplatform.oauth.outbound.Reach;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import io.maxplatform.oauth.outbound.UnacceptableUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A client's authentication method and what it needs, set at registration and changed by {@code PATCH}, each checked
 * as it is given. A secret method needs a secret first ({@code regenerate-secret}); {@code private_key_jwt} needs its
 * keys, inline or at a {@code jwks_uri} this server may fetch (on {@code OUTBOUND_ALLOWED_HOSTS}); {@code federated_jwt}
 * needs a trust anchor and the exact subject, which no other live client of that anchor has.
 */
@ApplicationScoped
class AuthenticationSetup {

    static final int MAX_URI_LENGTH = 1000;
    /** SPIFFE ID §2.2: a path of non-empty segments of letters, digits, '.', '-' and '_', none of them '.' or '..'. */
    static final Pattern SPIFFE_PATH = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._-]+)+");
    /**
     * Kubernetes' {@code default} service account: every pod of a namespace that names no account of its own runs as
     * it, so as a subject it stands for any workload in the namespace, not for one service.
     */
    static final Pattern KUBERNETES_DEFAULT_ACCOUNT = Pattern.compile("system:serviceaccount:[^:]+:default");
    static final Pattern KUBERNETES_SUBJECT = Pattern.compile("system:serviceaccount:[a-z0-9.-]+:[a-z0-9.-]+");

    @Inject
    TrustAnchorService anchors;

    @Inject
    ClientRepository clients;

    @Inject
    RemoteKeySets remoteKeys;

    /**
     * Applies {@code requested} (its method defaulting to the client's present one).
     *
     * @return whether the client's secrets stop working (it moved from a secret to keys or to federation)
     */
    boolean apply(Client client, RequestedAuthentication requested) {
        String method = requested.method() != null ? requested.method() : client.authentication().method();
        ClientRules.checkAuthMethod(method);
        boolean hadSecret = client.hasSecret();
        switch (method) {
            case ClientAuthentication.PRIVATE_KEY_JWT -> {
                refuseFederation(requested, method);
                useKeys(client, requested);
                return hadSecret;
            }
            case ClientAuthentication.FEDERATED_JWT -> {
                if (requested.namesKeys()) {
                    throw ApiException.badRequest("jwks and jwks_uri are for token_endpoint_auth_method private_key_jwt");
                }
                federate(client, requested);
                return hadSecret;
            }
            default -> {
                refuseFederation(requested, method);
                if (requested.namesKeys()) {
                    throw ApiException.badRequest("jwks and jwks_uri are for token_endpoint_auth_method private_key_jwt");
                }
                if (!client.hasSecret()) {
                    throw ApiException.conflict(client.clientId() + " has no secret yet: POST .../regenerate-secret first, "
                            + "then change token_endpoint_auth_method");
                }
                client.authenticateWithSecret(method);
                return false;
            }
        }
    }

    private static void refuseFederation(RequestedAuthentication requested, String method) {
        if (requested.namesFederation()) {
            throw ApiException.badRequest("trust_anchor, federated_subject, federated_claims and "
                    + "allow_default_service_account are for token_endpoint_auth_method federated_jwt, not " + method);
        }
    }

    private void useKeys(Client client, RequestedAuthentication requested) {
        if (requested.jwks() != null && requested.jwksUri() != null) {
            throw ApiException.badRequest("Give jwks or jwks_uri, not both");
        }
        if (requested.jwks() != null) {
            client.authenticateWithKeys(ClientJwks.check(requested.jwks()), null);
        } else if (requested.jwksUri() != null) {
            client.authenticateWithKeys(null, checkedJwksUri(requested.jwksUri()));
        } else if (!client.authentication().usesKeys()) {
            throw ApiException.badRequest("A private_key_jwt client needs its public keys: jwks, or jwks_uri");
        }
    }

    private String checkedJwksUri(String jwksUri) {
        if (jwksUri.length() > MAX_URI_LENGTH) {
            throw ApiException.badRequest("jwks_uri must be at most " + MAX_URI_LENGTH + " characters");
        }
        try {
            remoteKeys.checkAcceptable(new URI(jwksUri), Reach.CLIENT);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("jwks_uri is not a valid URL");
        } catch (UnacceptableUrl e) {
            throw ApiException.badRequest("jwks_uri: " + e.getMessage());
        }
        return jwksUri;
    }

    private void federate(Client client, RequestedAuthentication requested) {
        boolean already = client.authentication().isFederated();
        String anchorName = requested.trustAnchor() != null ? requested.trustAnchor() : already ? client.authentication().trustAnchor() : null;
        String subject = requested.federatedSubject() != null ? requested.federatedSubject()
                : already && requested.trustAnchor() == null ? client.authentication().federatedSubject() : null;
        if (anchorName == null || subject == null) {
            throw ApiException.badRequest("A federated_jwt client needs trust_anchor and federated_subject");
        }
        TrustAnchor anchor = anchors.find(anchorName)
                .orElseThrow(() -> ApiException.badRequest("No trust anchor named " + anchorName));
        // Kept only for the very subject it was given for: a new subject needs it said again.
        boolean defaultAllowed = requested.allowDefaultServiceAccount() != null ? requested.allowDefaultServiceAccount()
                : already && client.authentication().defaultAccountAllowed() && anchorName.equals(client.authentication().trustAnchor())
                        && subject.equals(client.authentication().federatedSubject());
        checkSubject(anchor, subject, defaultAllowed);
        String claims;
        try {
            claims = requested.federatedClaims() != null ? ClaimConditions.check(requested.federatedClaims())
                    : already ? client.authentication().federatedClaims() : null;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        clients.federatedClientId(anchorName, subject).filter(other -> !other.equals(client.clientId()))
                .ifPresent(other -> {
                    throw ApiException.conflict("Subject " + subject + " of trust anchor " + anchorName
                            + " is already client " + other + "'s; one subject authenticates one client");
                });
        client.authenticateAsFederated(anchorName, subject, claims, defaultAllowed);
    }

    static boolean isSpiffeIdOf(String trustDomain, String subject) {
        return subject.startsWith(trustDomain + "/") && SPIFFE_PATH.matcher(subject.substring(trustDomain.length())).matches();
    }

    private static void checkSubject(TrustAnchor anchor, String subject, boolean defaultAllowed) {
        if (!IdentityTokens.isWellFormedSubject(subject)) {
            throw ApiException.badRequest("federated_subject must be 1 to " + IdentityTokens.MAX_SUBJECT_LENGTH
                    + " printable characters without spaces: the exact sub of the client's identity tokens");
        }
        if (anchor.kind() == AnchorKind.SPIFFE && !isSpiffeIdOf(anchor.issuer(), subject)) {
            throw ApiException.badRequest("federated_subject must be a SPIFFE ID of trust domain " + anchor.issuer()
                    + ": " + anchor.issuer() + "/ and a path of segments of letters, digits, '.', '-' and '_', none of "
                    + "them empty, '.' or '..' (SPIFFE ID §2.2)");
        }
        if (anchor.kind() == AnchorKind.KUBERNETES) {
            if (!KUBERNETES_SUBJECT.matcher(subject).matches()) {
                throw ApiException.badRequest("federated_subject of a kubernetes anchor is "
                        + "system:serviceaccount:<namespace>:<service account>");
            }
            if (KUBERNETES_DEFAULT_ACCOUNT.matcher(subject).matches() && !defaultAllowed) {
                throw ApiException.badRequest("federated_subject is a namespace's default service account, which every "
                        + "pod that names no account of its own runs as: give the service its own service account, or "
                        + "set allow_default_service_account to true if every pod of that namespace may be this client");
            }
        }
    }
}
