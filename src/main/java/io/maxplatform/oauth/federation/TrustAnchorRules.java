package io.maxplatform.oauth.federation;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.maxplatform.oauth.error.ApiException;
import io.maxplatform.oauth.outbound.KeySource;
import io.maxplatform.oauth.outbound.Reach;
import io.maxplatform.oauth.outbound.RemoteKeySets;
import io.maxplatform.oauth.outbound.UnacceptableUrl;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** What a trust anchor must satisfy, with the message that says what is wrong. */
final class TrustAnchorRules {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    static final int MAX_ISSUER_LENGTH = 500;
    static final int MAX_URI_LENGTH = 1000;
    /** SPIFFE ID §2.1: a trust domain is lower-case letters, digits, dots, dashes and underscores. */
    static final Pattern SPIFFE_TRUST_DOMAIN = Pattern.compile("spiffe://[a-z0-9._-]{1,255}");
    static final int MIN_LIFETIME_SECONDS = 60;
    static final int MAX_LIFETIME_SECONDS = 86_400;
    static final int MAX_AUDIENCES = 10;
    static final int MAX_AUDIENCE_LENGTH = 500;
    static final int MAX_CA_BUNDLE_LENGTH = 64 * 1024;
    /** What a fetched key set may hold too (the outbound fetch's limit). */
    static final int MAX_JWKS_LENGTH = 64 * 1024;

    private TrustAnchorRules() {
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must be 2 to 64 characters: lower-case letters, digits or '-', "
                    + "starting with a letter or digit");
        }
    }

    static AnchorKind kind(String kind) {
        return AnchorKind.named(kind == null ? "" : kind).orElseThrow(() ->
                ApiException.badRequest("kind must be one of oidc, kubernetes, spiffe"));
    }

    /**
     * An OIDC or Kubernetes issuer is the exact {@code iss} of its tokens: an absolute https (or, for development,
     * http) URL without query or fragment (OpenID Connect Discovery §3). A SPIFFE anchor names its trust domain,
     * {@code spiffe://example.org}.
     */
    static void checkIssuer(AnchorKind kind, String issuer) {
        if (issuer == null || issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH) {
            throw ApiException.badRequest("issuer is required (at most " + MAX_ISSUER_LENGTH + " characters)");
        }
        if (kind == AnchorKind.SPIFFE) {
            if (!SPIFFE_TRUST_DOMAIN.matcher(issuer).matches()) {
                throw ApiException.badRequest("issuer of a spiffe anchor is its trust domain: spiffe://example.org "
                        + "(lower-case letters, digits, '.', '-', '_'; no path)");
            }
            return;
        }
        URI uri = uri("issuer", issuer);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("issuer must be the exact iss of its tokens: an https URL without query, "
                    + "fragment or user info");
        }
    }

    /** The keys: inline, at a URL, or (neither) by discovery from the issuer, which a SPIFFE trust domain cannot offer. */
    static void checkKeys(AnchorKind kind, String jwks, String jwksUri, String caBundle) {
        KeySource.Kind format = kind == AnchorKind.SPIFFE ? KeySource.Kind.SPIFFE_BUNDLE : KeySource.Kind.JWKS;
        if (jwks != null && jwksUri != null) {
            throw ApiException.badRequest("Give jwks or jwks_uri, not both");
        }
        if (jwks != null) {
            if (jwks.length() > MAX_JWKS_LENGTH) {
                throw ApiException.badRequest("jwks must be at most " + MAX_JWKS_LENGTH + " characters of JSON");
            }
            refusePrivateKeys(jwks);
            try {
                if (RemoteKeySets.parseInline(format, jwks).isEmpty()) {
                    throw ApiException.badRequest("jwks holds no key this server can verify with"
                            + (kind == AnchorKind.SPIFFE ? " (a SPIFFE bundle's JWT-SVID keys have \"use\": \"jwt-svid\")" : ""));
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("jwks: " + e.getMessage());
            }
        } else if (kind == AnchorKind.SPIFFE && jwksUri == null) {
            throw ApiException.badRequest("A spiffe anchor needs its bundle: jwks (inline) or jwks_uri (its bundle endpoint)");
        }
        if (caBundle != null) {
            if (caBundle.length() > MAX_CA_BUNDLE_LENGTH) {
                throw ApiException.badRequest("ca_bundle must be at most " + MAX_CA_BUNDLE_LENGTH + " characters of PEM");
            }
            if (jwks != null) {
                throw ApiException.badRequest("ca_bundle is for fetching keys over HTTPS; this anchor's keys are inline");
            }
            try {
                RemoteKeySets.checkCaBundle(caBundle);
            } catch (UnacceptableUrl e) {
                throw ApiException.badRequest("ca_bundle: " + e.getMessage());
            }
        }
    }

    /** Whoever sent a private key has leaked it: refused, not stripped (as a client's jwks). */
    private static void refusePrivateKeys(String jwks) {
        try {
            if (JWKSet.parse(jwks).getKeys().stream().anyMatch(JWK::isPrivate)) {
                throw ApiException.badRequest("jwks must hold public keys only; treat the private key sent as leaked");
            }
        } catch (ParseException e) {
            throw ApiException.badRequest("jwks must be a JWK Set: {\"keys\":[…]} (RFC 7517 §5)");
        }
    }

    /** A key URL (a JWK Set, a bundle endpoint, or the issuer for discovery) must be one this server may fetch. */
    static void checkFetchable(RemoteKeySets remoteKeys, String field, String url) {
        if (url.length() > MAX_URI_LENGTH) {
            throw ApiException.badRequest(field + " must be at most " + MAX_URI_LENGTH + " characters");
        }
        try {
            remoteKeys.checkAcceptable(uri(field, url), Reach.ANCHOR);
        } catch (UnacceptableUrl e) {
            throw ApiException.badRequest(field + ": " + e.getMessage());
        }
    }

    static void checkLifetime(int seconds) {
        if (seconds < MIN_LIFETIME_SECONDS || seconds > MAX_LIFETIME_SECONDS) {
            throw ApiException.badRequest("max_assertion_lifetime_seconds must be between " + MIN_LIFETIME_SECONDS
                    + " and " + MAX_LIFETIME_SECONDS);
        }
    }

    static void checkAudiences(List<String> audiences) {
        if (audiences.size() > MAX_AUDIENCES || new HashSet<>(audiences).size() != audiences.size()) {
            throw ApiException.badRequest("audiences must hold at most " + MAX_AUDIENCES + " different values");
        }
        for (String audience : audiences) {
            if (audience.isEmpty() || audience.length() > MAX_AUDIENCE_LENGTH
                    || !audience.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw ApiException.badRequest("audiences: each must be 1 to " + MAX_AUDIENCE_LENGTH
                        + " printable characters without spaces");
            }
        }
    }

    private static URI uri(String field, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + " is not a valid URL");
        }
    }
}
