package io.maxplatform.oauth.outbound;

import io.maxplatform.oauth.config.ServerSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a URL the server fetches keys from must be, for its {@link Reach}: checked when it is registered
 * ({@link #check}) and again, with the addresses its host resolves to ({@link #checkAddresses}), at every fetch,
 * since settings and DNS answers change after a registration.
 * <p>
 * The address check resolves the host with {@link InetAddress#getAllByName}; the HTTP client then resolves it
 * again to connect, and finds the same answer in the JDK's address cache ({@code networkaddress.cache.ttl},
 * 30 s by default), so it connects to an address that was checked. What remains is a DNS-rebinding window:
 * should the cached answer expire between the check and the connection, the connection resolves anew, and a
 * host whose DNS its owner controls could answer a private address then. The window is that gap (milliseconds,
 * against a 30 s cache); closing it entirely would mean connecting to the checked address itself, which TLS
 * host-name verification does not allow through the JDK's client.
 */
final class UrlRules {

    private final boolean allowHttp;
    private final AllowedHosts allowedHosts;
    private final boolean allowPrivateAddresses;

    UrlRules(boolean allowHttp, AllowedHosts allowedHosts, boolean allowPrivateAddresses) {
        this.allowHttp = allowHttp;
        this.allowedHosts = allowedHosts;
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    static UrlRules of(ServerSettings settings) {
        return new UrlRules(settings.outboundAllowHttp(), new AllowedHosts(settings.outboundAllowedHosts()),
                settings.outboundAllowPrivateAddresses());
    }

    /**
     * Scheme (https; http only with {@code OUTBOUND_ALLOW_HTTP=true}: a key set fetched in the clear can be swapped
     * on the way), no user information (a credential in a URL ends up in logs), no fragment (it means nothing
     * to a server and hides what is fetched), a host, and for {@link Reach#CLIENT} a host on the allow-list.
     *
     * @throws UnacceptableUrl saying what is wrong
     */
    void check(URI uri, Reach reach) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque()) {
            throw new UnacceptableUrl("The URL must be an absolute https URL, not " + shownOrNull(uri));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new UnacceptableUrl("The URL must use https" + (scheme.equals("http")
                    ? " (http only where the server sets OUTBOUND_ALLOW_HTTP=true, for development): " : ": ")
                    + FetchFailed.shown(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnacceptableUrl("The URL must not carry user information (a name or password before @)");
        }
        if (uri.getRawFragment() != null) {
            throw new UnacceptableUrl("The URL must not have a fragment (#…): " + FetchFailed.shown(uri));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UnacceptableUrl("The URL has no host that can be used: " + FetchFailed.shown(uri));
        }
        if (reach == Reach.CLIENT && allowedHosts.isEmpty()) {
            throw new UnacceptableUrl("This server fetches no client's key set from a URL: its operator has not set "
                    + "OUTBOUND_ALLOWED_HOSTS (register the keys themselves as jwks instead)");
        }
        if (reach == Reach.CLIENT && !allowedHosts.allows(uri.getHost())) {
            throw new UnacceptableUrl("The host " + uri.getHost() + " is not one this server fetches client key sets "
                    + "from (OUTBOUND_ALLOWED_HOSTS)");
        }
    }

    /**
     * For {@link Reach#CLIENT}, unless {@code OUTBOUND_ALLOW_PRIVATE_ADDRESSES=true}: every address the host
     * resolves to is public ({@link PrivateAddresses}). All of them, since the HTTP client may connect to any.
     */
    void checkAddresses(URI uri, Reach reach) throws FetchFailed {
        if (reach != Reach.CLIENT || allowPrivateAddresses) {
            return;
        }
        requirePublic(uri, "a client's key set may not be fetched from (OUTBOUND_ALLOW_PRIVATE_ADDRESSES)");
    }

    /**
     * The {@code jwks_uri} a discovery document names, for an anchor whose issuer is on the public internet: public
     * too. An anchor may name an in-cluster issuer, but an issuer outside must not be able to point this server at
     * its own network by what its document says.
     */
    void checkDiscoveredKeys(URI issuer, URI jwksUri) throws FetchFailed {
        if (allowPrivateAddresses || !resolvesOnlyToPublic(issuer)) {
            return;
        }
        requirePublic(jwksUri, "the keys of an issuer on the public internet may not be fetched from");
    }

    private static boolean resolvesOnlyToPublic(URI uri) {
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (PrivateAddresses.isPrivate(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // the fetch of the document itself failed on it already
        }
    }

    private static void requirePublic(URI uri, String refusal) throws FetchFailed {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new FetchFailed("its host " + uri.getHost() + " is not found");
        }
        for (InetAddress address : addresses) {
            if (PrivateAddresses.isPrivate(address)) {
                throw new FetchFailed("its host " + uri.getHost() + " resolves to the private address "
                        + address.getHostAddress() + ", which " + refusal);
            }
        }
    }

    private static String shownOrNull(URI uri) {
        return uri == null ? "none" : FetchFailed.quoted(uri.toString());
    }
}
