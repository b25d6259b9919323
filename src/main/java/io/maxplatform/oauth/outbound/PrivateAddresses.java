package io.maxplatform.oauth.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The addresses a URL from a client's registration may not reach: whatever is not on the public internet, so
 * that a registration cannot make the server call into its own network (server-side request forgery, OWASP
 * ASVS V12.6.1). IPv4: "this network" 0/8 and the unspecified 0.0.0.0 (RFC 6890), private 10/8, 172.16/12 and
 * 192.168/16 (RFC 1918), shared 100.64/10 (carrier-grade NAT, RFC 6598), loopback 127/8, link-local 169.254/16
 * (RFC 3927; the cloud metadata service at 169.254.169.254), multicast 224/4 and reserved 240/4 with the
 * broadcast address. IPv6: unspecified {@code ::}, loopback {@code ::1}, link-local fe80::/10, the old
 * site-local fec0::/10, unique-local fc00::/7 (RFC 4193), multicast ff00::/8, and any IPv4 address embedded
 * in an IPv6 one (IPv4-mapped {@code ::ffff:0:0/96} and IPv4-compatible {@code ::/96}, RFC 4291 §2.5.5; the
 * NAT64 prefix 64:ff9b::/96, RFC 6052), classified as that IPv4 address. Pure logic.
 */
final class PrivateAddresses {

    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private PrivateAddresses() {
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return isPrivateIpv4(bytes);
        }
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return isPrivateIpv4(embedded.get());
        }
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress() || (bytes[0] & 0xFE) == 0xFC;
    }

    private static boolean isPrivateIpv4(byte[] bytes) {
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        return first == 0
                || first == 10
                || first == 100 && (second & 0xC0) == 64
                || first == 127
                || first == 169 && second == 254
                || first == 172 && (second & 0xF0) == 16
                || first == 192 && second == 168
                || first >= 224;
    }

    /** The IPv4 address in the last four bytes of a mapped, compatible or NAT64 IPv6 address. */
    private static Optional<byte[]> embeddedIpv4(byte[] ipv6) {
        boolean zeroPrefix = Arrays.equals(ipv6, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroPrefix && ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
        boolean compatible = zeroPrefix && ipv6[10] == 0 && ipv6[11] == 0;
        boolean nat64 = Arrays.equals(ipv6, 0, 12, NAT64_PREFIX, 0, 12);
        return mapped || compatible || nat64 ? Optional.of(Arrays.copyOfRange(ipv6, 12, 16)) : Optional.empty();
    }
}
