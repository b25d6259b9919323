package io.maxplatform.oauth.outbound;

import java.util.List;
import java.util.Locale;

/**
 * {@code OUTBOUND_ALLOWED_HOSTS}: the hosts a client's {@code jwks_uri} may name. An entry is a host as URLs
 * write it, compared without regard to case (DNS names are case-insensitive, RFC 4343), or {@code *.domain}
 * for every subdomain of the domain but not the domain itself, so that allowing a partner's subdomains does
 * not silently allow its apex too. Pure logic.
 */
final class AllowedHosts {

    private final List<String> entries;

    AllowedHosts(List<String> entries) {
        this.entries = entries.stream().map(AllowedHosts::normalized).toList();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean allows(String host) {
        String name = normalized(host);
        return entries.stream().anyMatch(entry -> entry.startsWith("*.")
                ? name.endsWith(entry.substring(1)) && name.length() > entry.length() - 1
                : name.equals(entry));
    }

    /** Lower case, an IPv6 literal without the brackets a URL puts around it. */
    private static String normalized(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
