package io.maxplatform.oauth.outbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1",
            "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fd00::1", "fdff:ffff::1", "ff02::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::10.0.0.1",
            "64:ff9b::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "2002:a9fe:a9fe::1", "2002:0a00:0001::", "::ffff:0:10.0.0.1",
            "2001:0:4136:e378::1", "2001:db8::1", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.19.255.255",
            "198.51.100.7", "203.0.113.9"})
    void isPrivate(String literal) {
        assertTrue(PrivateAddresses.isPrivate(address(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
            "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
            "192.169.0.0", "223.255.255.255",
            "2001:4860:4860::8888", "2606:4700:4700::1111", "fbff::1", "fe00::1", "::ffff:8.8.8.8", "64:ff9b::808:808",
            "2002:0808:0808::1", "::ffff:0:8.8.8.8", "192.0.1.1", "198.17.255.255", "198.20.0.0", "203.0.114.1"})
    void isPublic(String literal) {
        assertFalse(PrivateAddresses.isPrivate(address(literal)), literal);
    }

    /** An IPv4-mapped address the JDK keeps as IPv6 (built from its bytes) is classified as its IPv4 address. */
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "127.0.0.1", "169.254.169.254", "192.168.0.1"})
    void aMappedAddressKeptAsIpv6IsItsIpv4Address(String ipv4) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);

        assertTrue(PrivateAddresses.isPrivate(Inet6Address.getByAddress(null, mapped, -1)), ipv4);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
