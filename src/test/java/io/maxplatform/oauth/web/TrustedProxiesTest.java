package io.maxplatform.oauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.10/32 fd00::/8");

    @Test
    void cidrBlocksOfBothFamilies() {
        assertTrue(proxies.trusts("10.1.2.3"));
        assertTrue(proxies.trusts("192.168.1.10"));
        assertFalse(proxies.trusts("192.168.1.11"));
        assertTrue(proxies.trusts("fd12::1"));
        assertFalse(proxies.trusts("fe80::1"));
        assertFalse(proxies.trusts("not-an-address"));
        assertTrue(TrustedProxies.parse("172.16.0.0/12").trusts("172.31.255.255"));
        assertFalse(TrustedProxies.parse("172.16.0.0/12").trusts("172.32.0.0"));
    }

    @Test
    void aPeerThatIsNoProxyIsTheClientWhateverItForwards() {
        assertEquals("203.0.113.5", proxies.clientAddress("203.0.113.5", List.of("1.1.1.1")));
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        // The client wrote 6.6.6.6 itself; the proxies appended what they saw.
        assertEquals("198.51.100.7", proxies.clientAddress("10.0.0.2", List.of("6.6.6.6", "198.51.100.7", "10.0.0.1")));
    }

    @Test
    void garbageEndsTheWalkAtTheLastHopVouchedFor() {
        assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.2", List.of("198.51.100.7", "not-an-ip", "10.0.0.1")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of("unknown")));
    }

    @Test
    void onlyProxiesAllTheWayDownMeansTheLeftMost() {
        assertEquals("10.0.0.9", proxies.clientAddress("10.0.0.2", List.of("10.0.0.9", "10.0.0.1")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of()));
    }

    @Test
    void namesAreNeverLookedUpAndBadEntriesAreRefused() {
        assertTrue(TrustedProxies.literal("localhost").isEmpty());
        assertTrue(TrustedProxies.literal("999.1.1.1").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
    }

    @Test
    void theForwardedHeadersForParameter() {
        assertEquals("192.0.2.43", ClientAddress.forParameter("for=192.0.2.43;proto=https"));
        assertEquals("[2001:db8::1]", ClientAddress.forParameter("for=\"[2001:db8::1]:4711\""));
        assertEquals("192.0.2.43", ClientAddress.forParameter("proto=http; For=\"192.0.2.43:8080\""));
        assertEquals("", ClientAddress.forParameter("by=10.0.0.1"));
    }
}
