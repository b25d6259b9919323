package io.maxplatform.oauth.bench;

import io.maxplatform.oauth.devserver.QuickStart;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The server the benchmark runs the WAR on ({@code -Dbench.server}): {@code payara-micro} (the default, as the quick
 * start starts it), {@code payara-server} or {@code wildfly}, each as the {@code -Ppayara-server} and {@code -Pwildfly}
 * builds unpacked and configured it under {@code target/} (run that build once first), configured by
 * {@code server-config/} as an operator's would be, with the same settings in its environment.
 */
final class BenchServer implements AutoCloseable {

    static final List<String> KINDS = List.of("payara-micro", "payara-server", "wildfly");
    private static final Path PAYARA_SERVER = Path.of("target/payara-server/payara6");
    private static final Path WILDFLY = Path.of("target/wildfly/wildfly-" + System.getProperty("bench.wildfly.version", "39.0.1.Final"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String kind;
    private final Process process;
    private final Map<String, String> env;

    private BenchServer(String kind, Process process, Map<String, String> env) {
        this.kind = kind;
        this.process = process;
        this.env = env;
    }

    static String requestedKind() {
        String kind = System.getProperty("bench.server", "payara-micro");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("-Dbench.server must be one of " + KINDS + ", not " + kind);
        }
        return kind;
    }

    /** @param launcherLog where WildFly's launcher writes its own output */
    static BenchServer start(String kind, Path war, int port, Map<String, String> settings, PrintStream log, Path launcherLog)
            throws Exception {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("HTTP_PORT", String.valueOf(port));
        switch (kind) {
            case "payara-micro" -> {
                return new BenchServer(kind, QuickStart.serve(war, port, settings, log), env);
            }
            case "payara-server" -> {
                require(PAYARA_SERVER.resolve("bin/asadmin"), "mvn verify -Ppayara-server");
                run(env, log, PAYARA_SERVER.resolve("bin/asadmin").toString(), "start-domain");
                // Configures the domain from the environment, restarts it and deploys the WAR, as an operator would.
                run(env, log, "bash", "server-config/payara-server/setup.sh", war.toAbsolutePath().toString());
                BenchServer server = new BenchServer(kind, null, env);
                server.awaitServing(port);
                return server;
            }
            default -> {
                require(WILDFLY.resolve("bin/standalone.sh"), "mvn verify -Pwildfly");
                Files.copy(war, WILDFLY.resolve("standalone/deployments/maxplatform-oauth.war"), StandardCopyOption.REPLACE_EXISTING);
                ProcessBuilder builder = new ProcessBuilder(WILDFLY.resolve("bin/standalone.sh").toString(),
                        "-c", "standalone-microprofile.xml", "-Djboss.http.port=" + port)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(launcherLog.toFile()));
                builder.environment().putAll(env);
                BenchServer server = new BenchServer(kind, builder.start(), env);
                server.awaitServing(port);
                return server;
            }
        }
    }

    /** The JVM serving: its resident memory is the server's. */
    long pid() {
        if (process != null) {
            return process.pid();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(PAYARA_SERVER.toAbsolutePath().toString())
                        && line.contains("ASMain")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("Payara Server's JVM is not running")).pid();
    }

    @Override
    public void close() throws Exception {
        switch (kind) {
            case "payara-server" -> {
                run(env, System.out, PAYARA_SERVER.resolve("bin/asadmin").toString(), "undeploy", "maxplatform-oauth");
                run(env, System.out, PAYARA_SERVER.resolve("bin/asadmin").toString(), "stop-domain");
            }
            default -> {
                for (ProcessHandle child : process.descendants().toList()) {
                    child.destroy();
                }
                process.destroy();
                process.waitFor();
                Files.deleteIfExists(WILDFLY.resolve("standalone/deployments/maxplatform-oauth.war"));
            }
        }
    }

    private void awaitServing(int port) {
        URI metadata = URI.create("http://localhost:" + port + "/api/oauth/.well-known/oauth-authorization-server");
        Awaitility.await(kind + " serving (see its log)").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (process != null && !process.isAlive()) {
                        throw new IllegalStateException(kind + " stopped; see its log");
                    }
                    return HTTP.send(HttpRequest.newBuilder(metadata).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                });
    }

    private static void require(Path file, String build) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run " + build + " once, which unpacks and configures it");
        }
    }

    private static void run(Map<String, String> env, PrintStream log, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("ASADMIN", PAYARA_SERVER.resolve("bin/asadmin").toAbsolutePath().toString());
        Process process = builder.start();
        log.print(new String(process.getInputStream().readAllBytes()));
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see the server log");
        }
    }
}
