package io.maxplatform.oauth.startup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ServerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupTest {

    /** Nothing but the settings: a start that got past them would fail on the missing database instead. */
    private static Startup startWith(String trustedProxies) {
        Startup startup = new Startup();
        startup.settings = ServerSettings.of(Map.of("SECRET_KEY", "0123456789abcdef0123456789abcdef",
                "SERVICE_CLIENT_SECRET", "Zq3v0cP8xS5m2Lr7Kd9Wf1Hy6Tb4Nj0Ae8Uo", "TRUSTED_PROXIES", trustedProxies));
        return startup;
    }

    @Test
    void aMalformedProxyListStopsTheStartBeforeAnythingElse() {
        for (String bad : new String[] {"10.0.0.0/8, 10.0.0.300", "10.0.0.0/33", "proxy.internal"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> startWith(bad).onStart(new Object()));

            assertTrue(refused.getMessage().startsWith("TRUSTED_PROXIES must be IP addresses or CIDR blocks"), refused.getMessage());
            assertTrue(refused.getMessage().contains(bad.substring(bad.lastIndexOf(' ') + 1)), refused.getMessage());
        }
    }

    @Test
    void aWellFormedProxyListIsAccepted() {
        assertDoesNotThrow(() -> Startup.checkTrustedProxies("10.0.0.0/8 fd00::/8, 192.168.1.10"));
        assertDoesNotThrow(() -> Startup.checkTrustedProxies(""));
    }
}
