package io.maxplatform.oauth.web;

import io.maxplatform.oauth.config.ServerSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The address a request came from, as the throttle and the audit trail use it. Behind a load balancer every
 * TCP peer is the balancer, so one stranger's failures would throttle everyone: with {@code TRUSTED_PROXIES}
 * set, the forwarding header those proxies write ({@code FORWARDED_HEADER}: {@code X-Forwarded-For} by
 * default, or RFC 7239 {@code Forwarded}) is read, and only from them (RFC 9700 §4.13).
 */
@ApplicationScoped
public class ClientAddress {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";
    /** More hops than this are not read: a chain is a handful of proxies. */
    static final int MAX_HOPS = 32;

    @Inject
    ServerSettings settings;

    private String forwardedHeader;
    private TrustedProxies proxies;

    /** Both settings are checked at start (ServerSettings, and start-up for the proxy list). */
    @PostConstruct
    void init() {
        proxies = TrustedProxies.parse(settings.trustedProxies());
        forwardedHeader = settings.forwardedHeader();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (proxies.isEmpty() || !proxies.trusts(peer)) {
            return peer;
        }
        return proxies.clientAddress(peer, chain(request));
    }

    /** The forwarded-for addresses of every header line, oldest first. */
    private List<String> chain(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        boolean rfc7239 = forwardedHeader.equalsIgnoreCase(FORWARDED);
        for (String line : Collections.list(request.getHeaders(rfc7239 ? FORWARDED : X_FORWARDED_FOR))) {
            for (String element : line.split(",")) {
                hops.add(rfc7239 ? forParameter(element) : element.strip());
            }
        }
        return hops.size() > MAX_HOPS ? hops.subList(hops.size() - MAX_HOPS, hops.size()) : hops;
    }

    /** RFC 7239 §4: {@code for=192.0.2.43} or {@code for="[2001:db8::1]:4711"}; anything else is not an address. */
    static String forParameter(String element) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.startsWith("[")) {
                    return value.indexOf(']') > 0 ? value.substring(0, value.indexOf(']') + 1) : value;
                }
                int colon = value.indexOf(':');
                return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
            }
        }
        return "";
    }
}
