package io.maxplatform.oauth.federation;

import io.maxplatform.oauth.client.ClientRepository;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Registering, changing and removing trust anchors ({@code admin:system}). Each method joins the caller's
 * transaction, so the change and its audit row commit together; every instance reads the anchors again once the
 * change is committed ({@link TrustAnchors}). A concurrent change is detected by the anchor's version (409).
 */
@ApplicationScoped
public class TrustAnchorService {

    @Inject
    TrustAnchorRepository repository;

    @Inject
    ClientRepository clients;

    @Inject
    TrustAnchors anchors;

    @Inject
    RemoteKeySets remoteKeys;

    public List<TrustAnchor> all() {
        return repository.all();
    }

    public TrustAnchor get(String name) {
        return find(name).orElseThrow(() -> ApiException.notFound("No trust anchor named " + name));
    }

    public Optional<TrustAnchor> find(String name) {
        return repository.find(name);
    }

    /** The audiences its tokens must name one of, with this server's defaults where it names none. */
    public List<String> effectiveAudiences(TrustAnchor anchor) {
        return anchor.audiences().isEmpty() ? anchors.defaultAudiences() : anchor.audiences();
    }

    @Transactional
    public TrustAnchor create(TrustAnchorChanges request) {
        TrustAnchorRules.checkName(request.name());
        AnchorKind kind = TrustAnchorRules.kind(request.kind());
        TrustAnchorRules.checkIssuer(kind, request.issuer());
        if (repository.find(request.name()).isPresent()) {
            throw ApiException.conflict("A trust anchor named " + request.name() + " exists");
        }
        requireIssuerFree(request.issuer(), null);
        TrustAnchor anchor = new TrustAnchor(request.name(), kind, request.issuer());
        applyKeys(anchor, given(request.jwks()), given(request.jwksUri()), given(request.caBundle()));
        applyLimits(anchor, request);
        repository.add(anchor);
        anchors.changed();
        return anchor;
    }

    @Transactional
    public TrustAnchor update(String name, TrustAnchorChanges changes) {
        TrustAnchor anchor = get(name);
        if (anchor.version() != changes.version()) {
            throw ApiException.conflict("The trust anchor changed since version " + changes.version()
                    + " (now " + anchor.version() + "); read it again and retry");
        }
        if (changes.kind() != null && !changes.kind().equals(anchor.kind().externalName())) {
            throw ApiException.badRequest("kind cannot change; register a new anchor and move the clients to it");
        }
        if (changes.issuer() != null && !changes.issuer().equals(anchor.issuer())) {
            TrustAnchorRules.checkIssuer(anchor.kind(), changes.issuer());
            requireIssuerFree(changes.issuer(), name);
            anchor.changeIssuer(changes.issuer());
        }
        boolean keysGiven = changes.jwks() != null || changes.jwksUri() != null || changes.caBundle() != null;
        if (keysGiven) {
            // A new inline set replaces a URL and the other way round; what is not given stays unless it conflicts.
            String jwks = changes.jwks() != null ? changes.jwks().orElse(null)
                    : changes.jwksUri() != null && changes.jwksUri().isPresent() ? null : anchor.jwks();
            String jwksUri = changes.jwksUri() != null ? changes.jwksUri().orElse(null)
                    : changes.jwks() != null && changes.jwks().isPresent() ? null : anchor.jwksUri();
            String caBundle = changes.caBundle() != null ? changes.caBundle().orElse(null)
                    : jwks != null ? null : anchor.caBundle();
            applyKeys(anchor, jwks, jwksUri, caBundle);
        } else if (changes.issuer() != null && anchor.jwks() == null && anchor.jwksUri() == null) {
            applyKeys(anchor, null, null, anchor.caBundle()); // discovery now starts from the new issuer
        }
        applyLimits(anchor, changes);
        repository.flush();
        anchors.changed();
        return anchor;
    }

    /** Only an anchor no client names, deleted clients included (their rows keep naming it). */
    @Transactional
    public void delete(String name) {
        TrustAnchor anchor = get(name);
        long naming = clients.countNaming(name);
        if (naming > 0) {
            throw ApiException.conflict(naming + " client(s) name trust anchor " + name
                    + " (deleted ones included); move them to another anchor first");
        }
        repository.remove(anchor);
        anchors.changed();
    }

    private void requireIssuerFree(String issuer, String except) {
        repository.findByIssuer(issuer).filter(other -> !other.name().equals(except)).ifPresent(other -> {
            throw ApiException.conflict("Trust anchor " + other.name() + " already has issuer " + issuer);
        });
    }

    private void applyKeys(TrustAnchor anchor, String jwks, String jwksUri, String caBundle) {
        TrustAnchorRules.checkKeys(anchor.kind(), jwks, jwksUri, caBundle);
        if (jwksUri != null) {
            TrustAnchorRules.checkFetchable(remoteKeys, "jwks_uri", jwksUri);
        } else if (jwks == null) {
            TrustAnchorRules.checkFetchable(remoteKeys, "issuer (its keys come from its discovery document)", anchor.issuer());
        }
        anchor.changeKeys(jwks, jwksUri, caBundle);
    }

    private static void applyLimits(TrustAnchor anchor, TrustAnchorChanges changes) {
        int lifetime = changes.maxAssertionLifetimeSeconds() != null ? changes.maxAssertionLifetimeSeconds()
                : anchor.maxAssertionLifetimeSeconds();
        TrustAnchorRules.checkLifetime(lifetime);
        List<String> audiences = changes.audiences() != null ? changes.audiences() : anchor.audiences();
        TrustAnchorRules.checkAudiences(audiences);
        boolean singleUse = changes.singleUse() != null ? changes.singleUse() : anchor.singleUse();
        anchor.changeLimits(lifetime, audiences, singleUse);
    }

    private static String given(Optional<String> field) {
        return field == null ? null : field.orElse(null);
    }
}
