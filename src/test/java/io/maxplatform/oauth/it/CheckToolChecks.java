package io.maxplatform.oauth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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

    private static Run checkTool(String secret) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("it.client.jar"), ServerHttp.baseUrl()).redirectErrorStream(true);
        builder.environment().put("SERVICE_CLIENT_ID", ServerHttp.BOOTSTRAP_ID);
        builder.environment().put("SERVICE_CLIENT_SECRET", secret);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }
}
