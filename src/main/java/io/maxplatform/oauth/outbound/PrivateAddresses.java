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
 * NAT64 prefix 64:ff9b::/96, RFC 6052; IPv4-translated {@code ::ffff:0:0:0/96}, RFC 2765; 6to4 2002::/16, RFC 3056),
 * classified as that IPv4 address. Also never public: IPv4 192.0.0/24 (protocol assignments), the documentation
 * networks 192.0.2/24, 198.51.100/24 and 203.0.113/24 (RFC 5737) and 198.18/15 (benchmarking, RFC 2544); IPv6 the
 * local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215), Teredo 2001::/32 (its IPv4 address is obfuscated) and the
 * documentation prefix 2001:db8::/32. Pure logic.
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
                || address.isSiteLocalAddress() || address.isMulticastAddress() || (bytes[0] & 0xFE) == 0xFC
                || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01) // 64:ff9b:1::/48
                || startsWith(bytes, 0x20, 0x01, 0x00, 0x00)              // 2001::/32, Teredo
                || startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8);             // 2001:db8::/32
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
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
                || first == 192 && second == 0 && ((bytes[2] & 0xFF) == 0 || (bytes[2] & 0xFF) == 2)
                || first == 198 && (second & 0xFE) == 18
                || first == 198 && second == 51 && (bytes[2] & 0xFF) == 100
                || first == 203 && second == 0 && (bytes[2] & 0xFF) == 113
                || first >= 224;
    }

    /** The IPv4 address a mapped, compatible, translated, NAT64 or 6to4 IPv6 address carries. */
    private static Optional<byte[]> embeddedIpv4(byte[] ipv6) {
        if (startsWith(ipv6, 0x20, 0x02)) {
            return Optional.of(Arrays.copyOfRange(ipv6, 2, 6));
        }
        boolean zeroPrefix = Arrays.equals(ipv6, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroPrefix && ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
        boolean compatible = zeroPrefix && ipv6[10] == 0 && ipv6[11] == 0;
        boolean translated = Arrays.equals(ipv6, 0, 8, new byte[8], 0, 8) && ipv6[8] == (byte) 0xff && ipv6[9] == (byte) 0xff
                && ipv6[10] == 0 && ipv6[11] == 0;
        boolean nat64 = Arrays.equals(ipv6, 0, 12, NAT64_PREFIX, 0, 12);
        return mapped || compatible || translated || nat64 ? Optional.of(Arrays.copyOfRange(ipv6, 12, 16)) : Optional.empty();
    }
}
