package io.maxplatform.oauth.outbound;

import static io.maxplatform.oauth.outbound.TestKeys.ec;
import static io.maxplatform.oauth.outbound.TestKeys.jwks;
import static io.maxplatform.oauth.outbound.TestKeys.kids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.ServerSettings;
import io.maxplatform.oauth.metrics.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a server whose certificate no public CA signed (as an in-cluster issuer's): trusted through the
 * source's CA bundle alone. The certificate is made by {@code keytool} at test time, for 127.0.0.1.
 */
class RemoteKeySetsHttpsTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    static Path directory;

    private static RemoteServer remote;
    private static String certificatePem;

    @BeforeAll
    static void startAnHttpsServerWithASelfSignedCertificate() throws Exception {
        Path keyStore = directory.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        certificatePem = keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        remote = RemoteServer.https(tls);
    }

    @AfterAll
    static void stopTheServer() {
        remote.close();
    }

    private static String keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);
        return output;
    }

    /** Over https only: OUTBOUND_ALLOW_HTTP is not set. */
    private static RemoteKeySets keySets() {
        RemoteKeySets keySets = new RemoteKeySets();
        keySets.settings = ServerSettings.of(Map.of("OUTBOUND_REFETCH_INTERVAL_SECONDS", "1"));
        keySets.metrics = new ServerMetrics();
        return keySets;
    }

    @Test
    void theCaBundleAloneMakesTheServerTrusted() {
        remote.answerJson("/jwks", jwks(ec("tls")));
        KeySource trusted = new KeySource(KeySource.Kind.JWKS, remote.uri("/jwks"), Reach.ANCHOR, Optional.of(certificatePem));
        KeySource untrusted = new KeySource(KeySource.Kind.JWKS, remote.uri("/jwks"), Reach.ANCHOR, Optional.empty());
        RemoteKeySets keySets = keySets();

        assertEquals(List.of("tls"), kids(keySets.keys(trusted)));

        String message = assertThrows(KeysUnavailable.class, () -> keySets.keys(untrusted)).getMessage();
        assertTrue(message.contains("TLS failed"), message);
    }

    @Test
    void aDiscoveryDocumentsJwksUriMustBeHttpsToo() {
        String issuer = remote.origin();
        URI plain = URI.create(remote.uri("/keys").toString().replace("https:", "http:"));
        remote.answerJson(KeySetFetcher.DISCOVERY_PATH, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + plain + "\"}");

        String message = assertThrows(KeysUnavailable.class, () -> keySets().keys(new KeySource(KeySource.Kind.DISCOVERY,
                URI.create(issuer), Reach.ANCHOR, Optional.of(certificatePem)))).getMessage();

        assertTrue(message.contains("must use https"), message);
        assertEquals(0, remote.requests("/keys"));
    }

    @Test
    void aCaBundleIsCheckedAtRegistration() {
        RemoteKeySets.checkCaBundle(certificatePem);
        RemoteKeySets.checkCaBundle(certificatePem + "\n" + certificatePem);

        String notPem = assertThrows(UnacceptableUrl.class, () -> RemoteKeySets.checkCaBundle("MIIB…")).getMessage();
        String damaged = assertThrows(UnacceptableUrl.class, () -> RemoteKeySets.checkCaBundle(
                certificatePem.replaceFirst("-----END CERTIFICATE-----", "AAAA-----END CERTIFICATE-----"))).getMessage();

        assertTrue(notPem.contains("PEM certificates"), notPem);
        assertTrue(damaged.contains("CA bundle"), damaged);
    }
}
