package io.maxplatform.oauth.bench;

import io.maxplatform.oauth.devserver.EmbeddedDatabase;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The peer, side by side: Keycloak's Quarkus distribution (unpacked from Maven Central by the {@code keycloak}
 * profile) in {@code start-dev} mode, on a JDK ≥ 21, with one realm and one confidential client that has
 * service accounts: the same Client Credentials Grant with {@code client_secret_basic}.
 */
final class Keycloak implements AutoCloseable {

    static final String REALM = "bench";
    static final String CLIENT_ID = "bench";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    final String base;
    final String clientSecret;
    final Duration startup;

    private Keycloak(Process process, String base, String clientSecret, Duration startup) {
        this.process = process;
        this.base = base;
        this.clientSecret = clientSecret;
        this.startup = startup;
    }

    /** The JDK Keycloak needs (≥ 21): {@code bench.keycloak.java}, else the newest under /usr/lib/jvm. */
    static Optional<Path> javaHome() throws IOException {
        String chosen = System.getProperty("bench.keycloak.java");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(Path.of(chosen));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> featureVersion(home) >= 21)
                    .max(Comparator.comparingInt(Keycloak::featureVersion));
        }
    }

    private static int featureVersion(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // not a JDK
        }
        return 0;
    }

    /**
     * Starts Keycloak. Without {@code database}: {@code start-dev} on a fresh development database (its H2 files under
     * {@code data/} are removed first), as a developer tries it. With one: production mode ({@code start}) on that
     * PostgreSQL database, and its realm stores every client login in its event store, as an enterprise that must
     * audit runs it; each token then writes a row, as this server's do.
     */
    static Keycloak start(Path home, Path javaHome, int port, String clientSecret, Path log, Optional<String> database)
            throws Exception {
        deleteRecursively(home.resolve("data"));
        Instant started = Instant.now();
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/kc.sh").toString()));
        if (database.isEmpty()) {
            command.addAll(List.of("start-dev", "--http-port=" + port, "--health-enabled=false"));
        } else {
            command.addAll(List.of("start", "--http-enabled=true", "--hostname-strict=false", "--http-port=" + port,
                    "--health-enabled=false", "--db=postgres", "--db-url=" + database.get(),
                    "--db-username=" + EmbeddedDatabase.USER, "--db-password=" + EmbeddedDatabase.PASSWORD));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        Process process = builder.start();
        String base = "http://localhost:" + port;
        Keycloak keycloak = new Keycloak(process, base, clientSecret, Duration.ZERO);
        try {
            keycloak.awaitServing();
            Duration startup = Duration.between(started, Instant.now());
            keycloak.createRealmAndClient(database.isPresent());
            return new Keycloak(process, base, clientSecret, startup);
        } catch (Exception | Error failed) {
            keycloak.close();
            throw failed;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    String tokenUrl() {
        return base + "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    String discoveryUrl() {
        return base + "/realms/" + REALM + "/.well-known/openid-configuration";
    }

    private void awaitServing() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped; see its log");
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within 3 minutes; see its log");
    }

    /** @param storeEvents the realm saves each client login in Keycloak's event store (its database) */
    private void createRealmAndClient(boolean storeEvents) throws Exception {
        String admin = Json.createReader(new StringReader(send(HttpRequest.newBuilder(
                URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))))).
                readObject().getString("access_token");
        send(HttpRequest.newBuilder(URI.create(base + "/admin/realms")).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"realm\":\"" + REALM + "\",\"enabled\":true" + (storeEvents
                        ? ",\"eventsEnabled\":true,\"enabledEventTypes\":[\"CLIENT_LOGIN\",\"CLIENT_LOGIN_ERROR\"]" : "")
                        + "}")));
        send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM + "/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + CLIENT_ID + "\",\"secret\":\"" + clientSecret
                        + "\",\"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                        + "\"directAccessGrantsEnabled\":false,\"clientAuthenticatorType\":\"client-secret\"}")));
        String form = "grant_type=client_credentials";
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Benchmark.basic(CLIENT_ID, clientSecret))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the benchmark client: " + token.body());
        }
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
