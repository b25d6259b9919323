package io.maxplatform.oauth.devserver;

import io.maxplatform.oauth.config.DotEnvFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mvn -Prun}: the built WAR on Payara Micro (its own JVM) at {@code http://localhost:8000}, on an
 * embedded PostgreSQL unless {@code DATABASE_URL} names a real one. Development defaults only: the dev
 * client secret, and a {@code SECRET_KEY} generated once into {@code DATA_DIR}. Ctrl-C stops both.
 */
public final class QuickStart {

    static final String DEV_CLIENT_SECRET = "service_maxplatform_2025_dev_secret";

    private final DotEnvFile dotEnv = DotEnvFile.inWorkingDirectory();

    public static void main(String[] args) throws Exception {
        new QuickStart().run(Path.of(args.length > 0 ? args[0] : "target/maxplatform-oauth.war"));
    }

    private void run(Path war) throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run mvn -Prun, which builds it first");
        }
        Path dataDir = Path.of(setting("DATA_DIR").orElse(".maxplatform")).toAbsolutePath();
        Files.createDirectories(dataDir);
        int httpPort = Integer.parseInt(setting("HTTP_PORT").orElse("8000"));

        Map<String, String> env = new HashMap<>();
        EmbeddedDatabase database = null;
        // Payara resolves the connection pool's settings before the application's own configuration sources (the
        // .env file among them) exist: the pool sees only the process environment, so .env's values go there.
        setting("DATABASE_URL").ifPresent(value -> env.put("DATABASE_URL", value));
        setting("DATABASE_USER").ifPresent(value -> env.put("DATABASE_USER", value));
        setting("DATABASE_PASSWORD").ifPresent(value -> env.put("DATABASE_PASSWORD", value));
        setting("DATABASE_SCHEMA").ifPresent(value -> env.put("DATABASE_SCHEMA", value));
        if (setting("DATABASE_URL").isEmpty()) {
            int dbPort = Integer.parseInt(setting("EMBEDDED_DB_PORT").orElse("5433"));
            System.out.println("Starting embedded PostgreSQL on port " + dbPort + " (data in " + dataDir.resolve("postgres") + ")");
            database = EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort, "platform_integration", false);
            env.put("DATABASE_URL", database.jdbcUrl());
            env.put("DATABASE_USER", EmbeddedDatabase.USER);
            env.put("DATABASE_PASSWORD", EmbeddedDatabase.PASSWORD);
        }
        // The quick start applies the schema to its own embedded database, whatever a copied .env says; against a
        // real database the server's own rule holds (SCHEMA_MIGRATION, default validate: a DBA owns that schema).
        if (database != null) {
            env.put("SCHEMA_MIGRATION", "apply");
        }
        if (setting("SECRET_KEY").isEmpty()) {
            env.put("SECRET_KEY", developmentSecretKey(dataDir));
        }
        if (setting("SERVICE_CLIENT_SECRET").isEmpty()) {
            env.put("SERVICE_CLIENT_SECRET", DEV_CLIENT_SECRET);
        }
        env.put("HTTP_PORT", String.valueOf(httpPort));
        // A development server: the guide's published bootstrap secret is accepted here, and only here.
        if (setting("ALLOW_DEVELOPMENT_SECRETS").isEmpty()) {
            env.put("ALLOW_DEVELOPMENT_SECRETS", "true");
        }

        Process payara = startPayaraMicro(war, httpPort, env, System.out);
        EmbeddedDatabase db = database;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(payara, db), "quick-start-shutdown"));

        if (waitUntilServing(payara, httpPort)) {
            printBanner(httpPort, database);
        } else {
            System.err.println("The application did not start; its log above says why. Stopping.");
            System.exit(1);
        }
        int exit = payara.waitFor();
        if (exit != 0 && exit != 130 && exit != 143) {
            System.err.println("Payara Micro exited with code " + exit);
        }
    }

    /** Environment first, then the working directory's .env, as the server itself reads them. */
    private Optional<String> setting(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? dotEnv.lookup(name) : Optional.of(value);
    }

    private static String developmentSecretKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("secret-key");
        if (!Files.exists(file)) {
            Files.writeString(file, io.maxplatform.oauth.authentication.SecretGenerator.randomToken(48), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            System.out.println("WARNING: SECRET_KEY is not set; generated a development key in " + file
                    + ". Set SECRET_KEY in production.");
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    /**
     * For the benchmark: the WAR on Payara Micro exactly as {@code mvn -Prun} starts it, with {@code env} as its
     * settings and its output written to {@code log}; returns once it serves, or fails.
     */
    public static Process serve(Path war, int httpPort, Map<String, String> env, PrintStream log) throws Exception {
        Map<String, String> settings = new HashMap<>(env);
        settings.put("HTTP_PORT", String.valueOf(httpPort));
        Process payara = startPayaraMicro(war, httpPort, settings, log);
        if (!waitUntilServing(payara, httpPort)) {
            payara.destroy();
            throw new IllegalStateException("The server did not start; its log says why");
        }
        return payara;
    }

    private static Process startPayaraMicro(Path war, int httpPort, Map<String, String> env, PrintStream out) throws Exception {
        Path microJar = Path.of(fish.payara.micro.PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseParallelGC",
                "-jar", microJar.toString(),
                "--nocluster",
                "--port", String.valueOf(httpPort),
                "--prebootcommandfile", Path.of("server-config/payara-micro/pre-boot-commands.asadmin").toAbsolutePath().toString(),
                "--deploy", war.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        payaraBooted = false;
        Process process = builder.start();
        Thread pump = new Thread(() -> echoWatchingForReady(process, out), "payara-output");
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    /** Set once Payara Micro has finished booting, whether or not the application deployed. */
    private static volatile boolean payaraBooted;

    private static void echoWatchingForReady(Process process, PrintStream out) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    payaraBooted = true;
                }
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    private static boolean waitUntilServing(Process payara, int httpPort) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI probe = URI.create("http://localhost:" + httpPort + "/api/oauth/jwks");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        Instant bootedAt = null;
        while (payara.isAlive() && Instant.now().isBefore(deadline)) {
            if (payaraBooted && bootedAt == null) {
                bootedAt = Instant.now();
            }
            // Booted but not serving the key set: the deployment failed (Payara Micro keeps running empty).
            if (bootedAt != null && Instant.now().isAfter(bootedAt.plusSeconds(10))) {
                return false;
            }
            try {
                if (http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    private void printBanner(int httpPort, EmbeddedDatabase database) {
        String base = "http://localhost:" + httpPort;
        System.out.println();
        System.out.println("==================================================================");
        System.out.println(" MAX Platform service-token server is listening on " + base);
        System.out.println("   token endpoint   " + base + "/api/oauth/token");
        System.out.println("   metadata         " + base + "/api/oauth/.well-known/oauth-authorization-server");
        System.out.println("   bootstrap client " + setting("SERVICE_CLIENT_ID").orElse("maxplatform-service"));
        if (database != null) {
            System.out.println("   database (psql)  " + database.psqlCommand() + "   (password: " + EmbeddedDatabase.PASSWORD + ")");
        }
        System.out.println(" Ctrl-C stops the server and the database.");
        System.out.println("==================================================================");
    }

    private static void stop(Process payara, EmbeddedDatabase database) {
        if (payara.isAlive()) {
            payara.destroy();
            try {
                payara.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                System.err.println("Could not stop the embedded database: " + e.getMessage());
            }
        }
    }
}
