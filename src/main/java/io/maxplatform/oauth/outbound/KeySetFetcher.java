package io.maxplatform.oauth.outbound;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One fetch of a {@link KeySource}'s keys, every rule applied at each step: the URL's rules and its host's
 * addresses ({@link UrlRules}), the GET's limits ({@link BoundedGet}), and the key filter ({@link KeySetDocument}).
 * For an issuer, its discovery document first (OpenID Connect Discovery 1.0 §4; RFC 8414 §3 defines the same
 * document for OAuth): its {@code issuer} must be the configured issuer exactly (§4.3, so that one issuer cannot
 * pass off another's keys), and its {@code jwks_uri} is then held to the same rules as the issuer's URL, with the
 * same reach and CA bundle. The keys are then fresh for the shorter of the two documents' max-ages, as a changed
 * {@code jwks_uri} is as much a change of keys as a changed set.
 */
final class KeySetFetcher {

    private static final Logger LOG = Logger.getLogger(KeySetFetcher.class.getName());
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final UrlRules rules;
    private final BoundedGet http;

    KeySetFetcher(UrlRules rules, BoundedGet http) {
        this.rules = rules;
        this.http = http;
    }

    FetchedKeys fetch(KeySource source, Instant now) throws FetchFailed {
        if (source.kind() != KeySource.Kind.DISCOVERY) {
            return keySet(source, source.uri(), Freshness.MAX, now);
        }
        URI issuer = source.uri();
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new FetchFailed("an issuer has no query or fragment (OpenID Connect Discovery 1.0 §2)");
        }
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        URI documentUri = URI.create(base + DISCOVERY_PATH);
        BoundedGet.Answer answer = get(source, documentUri);
        Map<String, Object> document = jsonObject(answer.body(), documentUri);
        Object named = document.get("issuer");
        if (!issuer.toString().equals(named)) {
            throw new FetchFailed("the discovery document's issuer is " + (named instanceof String text
                    ? FetchFailed.quoted(text) : "missing") + ", not " + FetchFailed.quoted(issuer.toString())
                    + " (OpenID Connect Discovery 1.0 §4.3)");
        }
        URI jwksUri = jwksUri(document.get("jwks_uri"));
        if (source.reach() == Reach.ANCHOR) {
            try {
                rules.checkDiscoveredKeys(issuer, jwksUri);
            } catch (FetchFailed unreachable) {
                throw new FetchFailed(FetchFailed.at(jwksUri) + unreachable.getMessage());
            }
        }
        return keySet(source, jwksUri, Freshness.fromCacheControl(answer.cacheControl()), now);
    }

    /** The set at {@code uri}, fresh for its own max-age but never longer than {@code atMost}. */
    private FetchedKeys keySet(KeySource source, URI uri, Duration atMost, Instant now) throws FetchFailed {
        BoundedGet.Answer answer = get(source, uri);
        KeySetDocument document;
        try {
            document = KeySetDocument.parse(source.kind() == KeySource.Kind.SPIFFE_BUNDLE ? KeySource.Kind.SPIFFE_BUNDLE
                    : KeySource.Kind.JWKS, new String(answer.body(), StandardCharsets.UTF_8));
        } catch (UnacceptableKeySet e) {
            throw new FetchFailed(FetchFailed.at(uri) + e.getMessage());
        }
        if (document.privateKeyLeftOut()) {
            LOG.warning(() -> "The key set at " + FetchFailed.shown(uri) + " publishes private key material; those keys"
                    + " are left out and never used. Left out: " + String.join("; ", document.leftOut()));
        }
        if (document.keys().isEmpty()) {
            LOG.warning(() -> "The key set at " + FetchFailed.shown(uri) + " has no key this server can use"
                    + (document.leftOut().isEmpty() ? "" : ". Left out: " + String.join("; ", document.leftOut())));
        }
        Duration maxAge = document.refreshHint().map(Freshness::bounded)
                .orElseGet(() -> Freshness.fromCacheControl(answer.cacheControl()));
        Duration fresh = maxAge.compareTo(atMost) < 0 ? maxAge : atMost;
        return new FetchedKeys(document.keys(), now, now.plus(fresh));
    }

    private BoundedGet.Answer get(KeySource source, URI uri) throws FetchFailed {
        try {
            rules.check(uri, source.reach());
        } catch (UnacceptableUrl refused) {
            throw new FetchFailed(FetchFailed.at(uri) + "refused: " + refused.getMessage());
        }
        try {
            rules.checkAddresses(uri, source.reach());
        } catch (FetchFailed unreachable) {
            throw new FetchFailed(FetchFailed.at(uri) + unreachable.getMessage());
        }
        return http.get(uri, source.caBundlePem());
    }

    private static Map<String, Object> jsonObject(byte[] body, URI uri) throws FetchFailed {
        try {
            return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new FetchFailed(FetchFailed.at(uri) + "not a JSON object");
        }
    }

    private static URI jwksUri(Object value) throws FetchFailed {
        if (!(value instanceof String text)) {
            throw new FetchFailed("the discovery document has no jwks_uri");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new FetchFailed("the discovery document's jwks_uri " + FetchFailed.quoted(text) + " is not a URL");
        }
    }
}
