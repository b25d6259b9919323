package io.maxplatform.oauth.outbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a URL is registered under; the address checks at fetch time are in {@link RemoteKeySetsTest}. */
class UrlRulesTest {

    private static final UrlRules HTTPS_ONLY = new UrlRules(false,
            new AllowedHosts(List.of("keys.example.com", "*.partner.example", "[2001:db8::1]")), false);

    private static String refusal(UrlRules rules, String uri, Reach reach) {
        return assertThrows(UnacceptableUrl.class, () -> rules.check(URI.create(uri), reach)).getMessage();
    }

    @Test
    void anAllowedHostIsExactOrASubdomainOfAWildcard() {
        AllowedHosts hosts = new AllowedHosts(List.of("Keys.Example.com", "*.partner.example"));

        assertTrue(hosts.allows("keys.example.com"));
        assertTrue(hosts.allows("KEYS.EXAMPLE.COM"));
        assertTrue(hosts.allows("a.partner.example"));
        assertTrue(hosts.allows("b.a.partner.example"));
        assertFalse(hosts.allows("partner.example"), "the wildcard means subdomains only");
        assertFalse(hosts.allows("evilpartner.example"));
        assertFalse(hosts.allows("keys.example.com.evil.test"));
        assertFalse(hosts.allows("www.keys.example.com"));
        assertTrue(new AllowedHosts(List.of()).isEmpty());
    }

    @Test
    void aClientsUrlIsHttpsOnAnAllowedHost() {
        assertDoesNotThrow(() -> HTTPS_ONLY.check(URI.create("https://keys.example.com/jwks"), Reach.CLIENT));
        assertDoesNotThrow(() -> HTTPS_ONLY.check(URI.create("https://a.partner.example:8443/k?v=1"), Reach.CLIENT));
        assertDoesNotThrow(() -> HTTPS_ONLY.check(URI.create("https://[2001:db8::1]/jwks"), Reach.CLIENT));

        assertTrue(refusal(HTTPS_ONLY, "https://other.example.com/jwks", Reach.CLIENT).contains("OUTBOUND_ALLOWED_HOSTS"));
        assertTrue(refusal(HTTPS_ONLY, "http://keys.example.com/jwks", Reach.CLIENT).contains("OUTBOUND_ALLOW_HTTP=true"));
        String noList = refusal(new UrlRules(false, new AllowedHosts(List.of()), false), "https://keys.example.com/jwks",
                Reach.CLIENT);
        assertTrue(noList.contains("not set OUTBOUND_ALLOWED_HOSTS"), noList);
    }

    @Test
    void anAnchorsUrlMayNameAnyHostButFollowsTheSameForm() {
        assertDoesNotThrow(() -> HTTPS_ONLY.check(URI.create("https://kubernetes.default.svc"), Reach.ANCHOR));
        assertDoesNotThrow(() -> HTTPS_ONLY.check(URI.create("https://10.0.0.1/keys"), Reach.ANCHOR));

        String userInfo = refusal(HTTPS_ONLY, "https://user:hunter2@keys.example.com/jwks", Reach.ANCHOR);
        assertTrue(userInfo.contains("user information") && !userInfo.contains("hunter2"), userInfo);
        assertTrue(refusal(HTTPS_ONLY, "https://keys.example.com/jwks#keys", Reach.ANCHOR).contains("fragment"));
        assertTrue(refusal(HTTPS_ONLY, "ftp://keys.example.com/jwks", Reach.ANCHOR).contains("must use https"));
        assertTrue(refusal(HTTPS_ONLY, "https:///jwks", Reach.ANCHOR).contains("no host"));
        assertTrue(refusal(HTTPS_ONLY, "https://bad_host.example/jwks", Reach.ANCHOR).contains("no host"));
        assertTrue(refusal(HTTPS_ONLY, "/jwks", Reach.ANCHOR).contains("absolute"));
        assertTrue(refusal(HTTPS_ONLY, "mailto:keys@example.com", Reach.ANCHOR).contains("absolute"));
        assertDoesNotThrow(() -> new UrlRules(true, new AllowedHosts(List.of()), false)
                .check(URI.create("http://localhost:8000/jwks"), Reach.ANCHOR));
    }

    @Test
    void anAnchorsAddressesAreNotChecked() {
        assertDoesNotThrow(() -> HTTPS_ONLY.checkAddresses(URI.create("https://127.0.0.1/jwks"), Reach.ANCHOR));
        assertDoesNotThrow(() -> new UrlRules(false, new AllowedHosts(List.of("127.0.0.1")), true)
                .checkAddresses(URI.create("https://127.0.0.1/jwks"), Reach.CLIENT));
        assertThrows(FetchFailed.class, () -> HTTPS_ONLY.checkAddresses(URI.create("https://[::1]/jwks"), Reach.CLIENT));
    }

    /** Literal addresses: no DNS involved. */
    @Test
    void anIssuerOnThePublicInternetCannotPointItsKeysIntoThisNetwork() {
        assertThrows(FetchFailed.class, () -> HTTPS_ONLY.checkDiscoveredKeys(URI.create("https://8.8.8.8"),
                URI.create("https://169.254.169.254/keys")));
        assertDoesNotThrow(() -> HTTPS_ONLY.checkDiscoveredKeys(URI.create("https://8.8.8.8"), URI.create("https://1.1.1.1/keys")));
        assertDoesNotThrow(() -> HTTPS_ONLY.checkDiscoveredKeys(URI.create("https://10.0.0.1"), URI.create("https://10.0.0.2/keys")),
                "an in-cluster issuer may keep its keys in the cluster");
    }
}
