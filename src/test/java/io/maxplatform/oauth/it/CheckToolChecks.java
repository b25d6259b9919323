package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.servicetoken.TestKeys;
import io.maxplatform.servicetoken.TestPem;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guide's six checks, run as a user runs them: {@code java -jar <client jar> URL} against the real server. */
abstract class CheckToolChecks {

    private record Run(int exitCode, String output) {
    }

    @Test
    void allSixChecksPassAgainstTheServer() throws Exception {
        Run run = checkTool(ServerHttp.BOOTSTRAP_SECRET);

        assertEquals(0, run.exitCode(), run.output());
        for (String check : List.of("OAuth metadata", "Service token issuance", "Service API access",
                "OAuth client listing", "Security checks", "Scope checks")) {
            assertTrue(run.output().contains("✅ " + check + ":"), check + "\n" + run.output());
        }
        assertTrue(run.output().contains("Summary: 6 of 6 checks passed"), run.output());
    }

    @Test
    void aWrongSecretFailsWithAClearMessageAndANonZeroExit() throws Exception {
        Run run = checkTool("not-the-secret");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("❌ Service token issuance: Token request refused (HTTP 401): invalid_client"),
                run.output());
        assertTrue(!run.output().contains("not-the-secret"), "the secret is never printed");
    }

    /**
     * The operator's steps of src/site/markdown/service-developers.md, "Authenticating without a shared secret": a key pair, its public JWK
     * printed by the client jar and registered, then the checks with the private key instead of a secret.
     */
    @Test
    void allSixChecksPassWithAPrivateKeyInsteadOfASecret() throws Exception {
        KeyPair pair = TestKeys.ecP256();
        Path directory = Files.createTempDirectory("check-tool-key");
        Path privateKey = directory.resolve("service.key");
        Path publicKey = directory.resolve("service.pub");
        Files.writeString(privateKey, TestPem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKey, TestPem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));

        Run jwks = run(List.of("-cp", System.getProperty("it.client.jar"), "io.maxplatform.servicetoken.PublicJwk",
                publicKey.toString(), "check-key-1"), Map.of());
        assertEquals(0, jwks.exitCode(), jwks.output());
        String clientId = AdminApi.uniqueId("check-key");
        HttpResponse<String> created = AdminApi.call("POST", "/clients", AdminApi.adminToken(), "{\"client_id\":\"" + clientId
                + "\",\"client_name\":\"Check tool with a key\",\"allowed_scopes\":[\"admin:oauth\",\"read:profile\"],"
                + "\"default_scopes\":[\"admin:oauth\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":"
                + jwks.output().strip() + "}");
        assertEquals(201, created.statusCode(), created.body());

        Run run = run(List.of("-jar", System.getProperty("it.client.jar"), ServerHttp.baseUrl()), Map.of(
                "SERVICE_CLIENT_ID", clientId, "SERVICE_CLIENT_PRIVATE_KEY_FILE", privateKey.toString(),
                "SERVICE_CLIENT_KEY_ID", "check-key-1"));

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("(private_key_jwt)"), run.output());
        assertTrue(run.output().contains("a wrong key → 401 invalid_client"), run.output());
        assertTrue(run.output().contains("Summary: 6 of 6 checks passed"), run.output());
    }

    /**
     * A pod's view (src/site/markdown/services-without-secrets.md): its Kubernetes service-account token in a file,
     * no client id, no secret, no key; the anchor reads the issuer's keys through its discovery document.
     */
    @Test
    void allSixChecksPassWithAServiceAccountTokenFileAndNoSecret() throws Exception {
        try (TestIssuer cluster = new TestIssuer()) {
            String anchor = AdminApi.uniqueId("check-cluster");
            HttpResponse<String> registered = FederationChecks.anchors("POST", "", ServerHttp.bootstrapToken("admin:system"),
                    "{\"name\":\"" + anchor + "\",\"kind\":\"kubernetes\",\"issuer\":\"" + cluster.url() + "\"}");
            assertEquals(201, registered.statusCode(), registered.body());
            String namespace = AdminApi.uniqueId("ns");
            HttpResponse<String> created = AdminApi.call("POST", "/clients", AdminApi.adminToken(), "{\"client_id\":\""
                    + AdminApi.uniqueId("check-pod") + "\",\"client_name\":\"Check tool in a pod\","
                    + "\"allowed_scopes\":[\"admin:oauth\",\"read:profile\"],\"default_scopes\":[\"admin:oauth\"],"
                    + "\"token_endpoint_auth_method\":\"federated_jwt\",\"trust_anchor\":\"" + anchor + "\","
                    + "\"federated_subject\":\"system:serviceaccount:" + namespace + ":checks\"}");
            assertEquals(201, created.statusCode(), created.body());
            Path tokenFile = Files.createTempDirectory("check-tool-pod").resolve("token");
            Files.writeString(tokenFile, cluster.kubernetesToken(namespace, "checks", ServerHttp.baseUrl() + "/api/oauth",
                    java.util.function.UnaryOperator.identity()) + "\n");

            Run run = run(List.of("-jar", System.getProperty("it.client.jar"), ServerHttp.baseUrl()),
                    Map.of("SERVICE_CLIENT_ASSERTION_FILE", tokenFile.toString()));

            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("Summary: 6 of 6 checks passed"), run.output());
        }
    }

    private static Run checkTool(String secret) throws IOException, InterruptedException {
        return run(List.of("-jar", System.getProperty("it.client.jar"), ServerHttp.baseUrl()),
                Map.of("SERVICE_CLIENT_ID", ServerHttp.BOOTSTRAP_ID, "SERVICE_CLIENT_SECRET", secret));
    }

    private static Run run(List<String> arguments, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only what the run names: not the suite's own SERVICE_CLIENT_ID and SERVICE_CLIENT_SECRET.
        builder.environment().keySet().removeIf(name -> name.startsWith("SERVICE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }
}
