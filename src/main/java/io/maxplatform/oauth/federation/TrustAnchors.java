package io.maxplatform.oauth.federation;

import com.nimbusds.jose.jwk.JWK;
import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import io.maxplatform.oauth.config.ReplicatedTable;
import io.maxplatform.oauth.config.ReplicatedView;
import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.outbound.KeySource;
import io.maxplatform.oauth.outbound.Reach;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every trust anchor, in memory: there are a handful, and each federated authentication looks one up by its
 * issuer. Read again whole whenever any anchor changes, on this instance after the change commits and on the
 * others when PostgreSQL announces it ({@link ReplicatedView}); while announcements may be going unheard
 * ({@link ChangeFeedStatus}), every lookup reads the database.
 */
@ApplicationScoped
public class TrustAnchors implements ReplicatedView {

    /** The SPIFFE ID scheme (SPIFFE ID §2): a JWT-SVID's {@code sub}, whose trust domain names its anchor. */
    static final String SPIFFE_SCHEME = "spiffe://";
    private static final Logger LOG = Logger.getLogger(TrustAnchors.class.getName());

    @Inject
    TrustAnchorRepository repository;

    @Inject
    ServerSettings settings;

    @Inject
    ChangeFeedStatus feed;

    @Inject
    AfterCommit afterCommit;

    private volatile Map<String, Anchor> byIssuer = Map.of();

    /**
     * The anchor an identity token comes from: for a SPIFFE JWT-SVID the trust domain of its {@code sub}
     * ({@code iss} is optional there), else its {@code iss}. Empty when no anchor has that issuer.
     *
     * @param spiffeOnly the request said {@code jwt-spiffe}: only a SPIFFE anchor may answer
     */
    public Optional<Anchor> forToken(String issuer, String subject, boolean spiffeOnly) {
        Map<String, Anchor> anchors = feed.isCurrent() ? byIssuer : index(read());
        Optional<Anchor> bySpiffeId = trustDomain(subject).map(anchors::get).filter(a -> a.kind() == AnchorKind.SPIFFE);
        if (bySpiffeId.isPresent() || spiffeOnly) {
            return bySpiffeId;
        }
        return Optional.ofNullable(issuer).map(anchors::get).filter(a -> a.kind() != AnchorKind.SPIFFE);
    }

    /** {@code spiffe://example.org} for {@code spiffe://example.org/ns/payments/sa/reports}. */
    static Optional<String> trustDomain(String subject) {
        if (subject == null || !subject.startsWith(SPIFFE_SCHEME)) {
            return Optional.empty();
        }
        int path = subject.indexOf('/', SPIFFE_SCHEME.length());
        return Optional.of(path < 0 ? subject : subject.substring(0, path));
    }

    @Override
    public Set<ReplicatedTable> tables() {
        return Set.of(ReplicatedTable.TRUST_ANCHORS);
    }

    @Override
    public void reloadAll() {
        byIssuer = index(read());
    }

    @Override
    public void reload(ReplicatedTable table, String key) {
        reloadAll();
    }

    /** This instance changed an anchor: read them again once the change is committed. */
    void changed() {
        afterCommit.run(this::reloadAll);
    }

    private List<Anchor> read() {
        List<Anchor> usable = new ArrayList<>();
        for (TrustAnchor row : repository.allDetached()) {
            try {
                usable.add(of(row));
            } catch (RuntimeException damaged) {
                // A row written by hand that the API would have refused: that anchor vouches for nobody, the others do.
                LOG.warning("Trust anchor " + row.name() + " is unusable and vouches for no client: " + damaged.getMessage());
            }
        }
        return usable;
    }

    private static Map<String, Anchor> index(List<Anchor> anchors) {
        return anchors.stream().collect(Collectors.toUnmodifiableMap(Anchor::issuer, Function.identity()));
    }

    /** The immutable copy of a row: its keys parsed or their source named, its audiences resolved. */
    Anchor of(TrustAnchor row) {
        AnchorKind kind = row.kind();
        KeySource.Kind format = kind == AnchorKind.SPIFFE ? KeySource.Kind.SPIFFE_BUNDLE : KeySource.Kind.JWKS;
        Optional<KeySource> source = Optional.empty();
        if (row.jwksUri() != null) {
            source = Optional.of(new KeySource(format, URI.create(row.jwksUri()), Reach.ANCHOR, Optional.ofNullable(row.caBundle())));
        } else if (row.jwks() == null) {
            source = Optional.of(new KeySource(KeySource.Kind.DISCOVERY, URI.create(row.issuer()), Reach.ANCHOR,
                    Optional.ofNullable(row.caBundle())));
        }
        var inline = row.jwks() == null ? Optional.<List<JWK>>empty()
                : Optional.of(RemoteKeySets.parseInline(format, row.jwks()));
        List<String> audiences = row.audiences().isEmpty() ? defaultAudiences() : row.audiences();
        return new Anchor(row.name(), kind, row.issuer(), inline, source,
                Duration.ofSeconds(row.maxAssertionLifetimeSeconds()), audiences, row.singleUse());
    }

    /** RFC 7523 §3 item 3: the authorization server's issuer, or its token endpoint URL. */
    List<String> defaultAudiences() {
        return List.of(settings.issuer(), settings.issuer() + "/token");
    }
}
