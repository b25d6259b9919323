package io.maxplatform.oauth.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which peers are the operator's own proxies, from a list of CIDR blocks ({@code TRUSTED_PROXIES}, e.g.
 * {@code 10.0.0.0/8, 192.168.1.10/32, fd00::/8}), and the client address a request came from behind them:
 * the right-most address in the forwarding chain that is not one of them (RFC 7239 §5.2; everything left of
 * it was written by the client and proves nothing). Pure logic.
 */
public final class TrustedProxies {

    private record Block(byte[] network, int prefixLength) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    /** Compiled once: every request behind a trusted proxy parses its chain of addresses. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** @throws IllegalArgumentException naming the entry that is not a CIDR block of literal addresses */
    public static TrustedProxies parse(String cidrList) {
        List<Block> blocks = new ArrayList<>();
        if (cidrList != null) {
            for (String entry : cidrList.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    blocks.add(block(entry));
                }
            }
        }
        return new TrustedProxies(blocks);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("TRUSTED_PROXIES: " + entry + " is not an IP address or CIDR block"));
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: " + entry + " has a bad prefix length");
            }
        }
        return new Block(network, prefix);
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal, without any name lookup; empty for anything else. An
     * IPv6 literal may come in brackets (as the {@code Forwarded} header writes it).
     */
    static Optional<byte[]> literal(String text) {
        String value = text.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            value = value.substring(1, end);
        }
        boolean ipv4 = IPV4.matcher(value).matches();
        boolean ipv6 = !ipv4 && IPV6.matcher(value).matches();
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        if (ipv4) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // A literal of these characters only is parsed, never looked up.
            return Optional.of(InetAddress.getByName(value).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean trusts(String address) {
        return literal(address).map(bytes -> blocks.stream().anyMatch(block -> block.contains(bytes))).orElse(false);
    }

    /**
     * The client's address: the peer itself unless it is a trusted proxy; otherwise, walking the forwarding
     * chain from its right-most (latest) hop, the first address that is not a trusted proxy. An entry that is
     * not an address (a name, "unknown", garbage) ends the walk at the hop before it, the last one vouched for.
     *
     * @param chain the forwarded-for addresses, oldest first, as the headers list them
     */
    public String clientAddress(String peer, List<String> chain) {
        if (!trusts(peer)) {
            return peer;
        }
        String candidate = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i).strip();
            if (literal(hop).isEmpty()) {
                return candidate;
            }
            candidate = stripBrackets(hop);
            if (!trusts(candidate)) {
                return candidate;
            }
        }
        return candidate;
    }

    private static String stripBrackets(String hop) {
        return hop.startsWith("[") && hop.indexOf(']') > 0 ? hop.substring(1, hop.indexOf(']')) : hop;
    }
}
