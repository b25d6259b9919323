package io.maxplatform.oauth.outbound;

/**
 * Who configured a URL the server fetches keys from, which decides what it may reach. A URL a client's
 * registration names (its {@code jwks_uri}, RFC 7591 §2) is the classic server-side request forgery vector: it
 * is held to an allow-list of hosts (OWASP ASVS V12.6.1) and to public addresses. A trust anchor is an
 * operator's decision and may name any host, an in-cluster one among them.
 */
public enum Reach {

    /**
     * Configured by a client's registration ({@code admin:oauth}): the host must be on
     * {@code OUTBOUND_ALLOWED_HOSTS}, and every address it resolves to must be public unless
     * {@code OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true}.
     */
    CLIENT,

    /**
     * Configured by {@code admin:system} for a trust anchor: any host, private and in-cluster addresses allowed
     * (e.g. {@code https://kubernetes.default.svc}).
     */
    ANCHOR
}
