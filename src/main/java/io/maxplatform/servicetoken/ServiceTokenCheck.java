package io.maxplatform.servicetoken;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guide's {@code test_service_token.py}: six checks against a live server.
 * <pre>java -jar maxplatform-oauth-…-client.jar [BASE_URL]</pre>
 * Credentials come from {@code SERVICE_CLIENT_ID} and either {@code SERVICE_CLIENT_SECRET} (the guide's
 * development values when unset), a private key ({@code SERVICE_CLIENT_PRIVATE_KEY} or
 * {@code SERVICE_CLIENT_PRIVATE_KEY_FILE}, with {@code SERVICE_CLIENT_KEY_ID}), or the platform's identity
 * token in {@code SERVICE_CLIENT_ASSERTION_FILE} ({@code SERVICE_CLIENT_ID} then optional). Exits 0 only if
 * every check passes.
 */
public final class ServiceTokenCheck {

    static final String ADMIN_SCOPE = "admin:oauth";
    /** Scopes to try for a token that lacks admin:oauth, for the scope check. */
    static final List<String> OTHER_SCOPES = List.of("admin:users", "admin:system", "read:profile", "read:features", "read:groups");
    static final String DEV_SECRET = "service_maxplatform_2025_dev_secret";

    private final String baseUrl;
    private final String clientId;
    /** The client's credentials as the client library reads them, the secret defaulted when no key or assertion file is set. */
    private final Map<String, String> credentials = new HashMap<>();
    private final boolean usesKey;
    /** {@code SERVICE_CLIENT_ASSERTION_FILE}, or null when the client authenticates otherwise. */
    private final String assertionFile;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newHttpClient();
    private String adminToken;

    ServiceTokenCheck(String baseUrl, Map<String, String> env, PrintStream out) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = nonBlank(env.get("SERVICE_CLIENT_ID"), ServiceTokenProvider.DEFAULT_CLIENT_ID);
        this.usesKey = !nonBlank(env.get("SERVICE_CLIENT_PRIVATE_KEY"), nonBlank(env.get("SERVICE_CLIENT_PRIVATE_KEY_FILE"), "")).isEmpty();
        this.assertionFile = nonBlank(env.get("SERVICE_CLIENT_ASSERTION_FILE"), null);
        if (assertionFile != null) {
            // Whatever is set, unchanged: the client library refuses a secret or key beside the assertion file,
            // and sends client_id only when it is set.
            for (String name : List.of("SERVICE_CLIENT_ID", "SERVICE_CLIENT_ASSERTION_FILE", "SERVICE_CLIENT_SECRET",
                    "SERVICE_CLIENT_PRIVATE_KEY", "SERVICE_CLIENT_PRIVATE_KEY_FILE", "SERVICE_CLIENT_KEY_ID")) {
                if (nonBlank(env.get(name), null) != null) {
                    credentials.put(name, env.get(name));
                }
            }
        } else if (usesKey) {
            credentials.put("SERVICE_CLIENT_ID", clientId);
            for (String name : List.of("SERVICE_CLIENT_PRIVATE_KEY", "SERVICE_CLIENT_PRIVATE_KEY_FILE", "SERVICE_CLIENT_KEY_ID")) {
                credentials.put(name, nonBlank(env.get(name), ""));
            }
        } else {
            credentials.put("SERVICE_CLIENT_ID", clientId);
            credentials.put("SERVICE_CLIENT_SECRET", nonBlank(env.get("SERVICE_CLIENT_SECRET"), DEV_SECRET));
        }
        this.out = out;
    }

    public static void main(String[] args) {
        String baseUrl = args.length > 0 ? args[0] : ServiceTokenProvider.DEFAULT_BASE_URL;
        System.exit(new ServiceTokenCheck(baseUrl, System.getenv(), System.out).run());
    }

    private interface Check {
        /** @return what was seen when it passed; throws {@link AssertionError} saying what is wrong otherwise */
        String run() throws Exception;
    }

    /** @return the exit code: 0 if all six checks passed, 1 otherwise */
    int run() {
        if (assertionFile != null) {
            out.println("Service-token checks against " + baseUrl + " as "
                    + (credentials.containsKey("SERVICE_CLIENT_ID") ? clientId : "the client its assertion names")
                    + " (client assertion from " + assertionFile + ")");
        } else {
            out.println("Service-token checks against " + baseUrl + " as " + clientId
                    + (usesKey ? " (private_key_jwt)" : " (client secret)"));
        }
        List<Boolean> results = new ArrayList<>();
        results.add(check("OAuth metadata", this::metadata));
        results.add(check("Service token issuance", this::issuance));
        results.add(check("Service API access", this::apiAccess));
        results.add(check("OAuth client listing", this::clientListing));
        results.add(check("Security checks", this::security));
        results.add(check("Scope checks", this::scopes));
        long passed = results.stream().filter(Boolean::booleanValue).count();
        out.println("Summary: " + passed + " of " + results.size() + " checks passed"
                + (passed == results.size() ? "" : " — see ❌ above"));
        return passed == results.size() ? 0 : 1;
    }

    private boolean check(String name, Check check) {
        try {
            out.println("✅ " + name + ": " + check.run());
            return true;
        } catch (AssertionError | ServiceTokenException e) {
            out.println("❌ " + name + ": " + e.getMessage());
        } catch (IOException e) {
            out.println("❌ " + name + ": server unreachable at " + baseUrl + " (" + e.getClass().getSimpleName() + ")");
        } catch (Exception e) {
            out.println("❌ " + name + ": " + e);
        }
        return false;
    }

    private String metadata() throws Exception {
        HttpResponse<String> response = get("/api/oauth/.well-known/oauth-authorization-server", null);
        expectStatus(response, 200);
        Map<String, Object> metadata = json(response);
        if (!(metadata.get("grant_types_supported") instanceof List<?> grants) || !grants.contains("client_credentials")) {
            throw new AssertionError("grant_types_supported does not list client_credentials");
        }
        if (!(metadata.get("token_endpoint") instanceof String tokenEndpoint)) {
            throw new AssertionError("no token_endpoint in the metadata");
        }
        return "client_credentials supported, token endpoint " + tokenEndpoint;
    }

    private String issuance() {
        ServiceTokenProvider provider = provider(ADMIN_SCOPE);
        adminToken = provider.getToken();
        if (adminToken.split("\\.").length != 3) {
            throw new AssertionError("the access token is not a JWT");
        }
        return "Bearer token with " + ADMIN_SCOPE + ", expires " + JwtExpiry.of(adminToken);
    }

    private String apiAccess() throws Exception {
        HttpResponse<String> response = get("/api/admin/oauth/service/statistics", requireAdminToken());
        expectStatus(response, 200);
        return "statistics: " + json(response).get("total_clients") + " clients, "
                + json(response).get("tokens_issued_24h") + " tokens in 24 h";
    }

    private String clientListing() throws Exception {
        HttpResponse<String> response = get("/api/admin/oauth/service/clients", requireAdminToken());
        expectStatus(response, 200);
        if (!(json(response).get("items") instanceof List<?> items)) {
            throw new AssertionError("the client list has no items");
        }
        if (response.body().contains("\"client_secret\":")) {
            throw new AssertionError("the client list reveals a secret");
        }
        return items.size() + " client(s) listed, no secrets";
    }

    private String security() throws Exception {
        HttpResponse<String> noToken = get("/api/admin/oauth/service/statistics", null);
        expectStatus(noToken, 401);
        String wrong = assertionFile != null ? "its assertion re-signed with an unregistered key"
                : usesKey ? "a wrong key" : "a wrong secret";
        try {
            wrongCredentials().getToken();
            throw new AssertionError(wrong + " was accepted");
        } catch (ServiceTokenException.Refused e) {
            if (e.status() != 401 || !e.isBadCredentials()) {
                throw new AssertionError(wrong + " got HTTP " + e.status() + " " + e.error() + ", not 401 invalid_client");
            }
        }
        String token = requireAdminToken();
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + flipFirstCharacter(token.substring(token.lastIndexOf('.') + 1));
        expectStatus(get("/api/admin/oauth/service/statistics", tampered), 401);
        return "no token → 401, " + wrong + " → 401 invalid_client, tampered token → 401";
    }

    private String scopes() throws Exception {
        String token = null;
        String scope = null;
        for (String candidate : OTHER_SCOPES) {
            try {
                token = provider(candidate).getToken();
                scope = candidate;
                break;
            } catch (ServiceTokenException.Refused refused) {
                if (refused.isBadCredentials()) {
                    throw refused;
                }
                // not allowed to this client: try the next
            }
        }
        if (token == null) {
            throw new AssertionError("the client may have no scope but " + ADMIN_SCOPE + ", so a 403 cannot be provoked");
        }
        HttpResponse<String> response = get("/api/admin/oauth/service/statistics", token);
        expectStatus(response, 403);
        Object detail = json(response).get("detail");
        if (!("Missing required scopes: " + ADMIN_SCOPE).equals(detail)) {
            throw new AssertionError("403 without the guide's message, got detail " + detail);
        }
        return "a token with only " + scope + " → 403 \"" + detail + "\"";
    }

    private ServiceTokenProvider provider(String scopes) {
        return ServiceTokenProvider.builder().environment(credentials).baseUrl(baseUrl).scopes(scopes).build();
    }

    /**
     * The same client with a secret it does not have, signing with a key of the same kind it never registered,
     * or presenting its platform's assertion re-signed by a key the platform never had ({@link ImpostorAssertion}).
     */
    private ServiceTokenProvider wrongCredentials() throws Exception {
        ServiceTokenProvider.Builder builder = ServiceTokenProvider.builder().baseUrl(baseUrl).scopes(ADMIN_SCOPE);
        if (assertionFile != null) {
            if (credentials.containsKey("SERVICE_CLIENT_ID")) {
                builder.clientId(clientId);
            }
            String impostor;
            try {
                impostor = ImpostorAssertion.of(new ClientAssertionFile(Path.of(assertionFile)).get());
            } catch (IllegalArgumentException e) {
                throw new AssertionError("no forged copy of the assertion can be made (" + e.getMessage()
                        + "), so whether the server refuses one is not checked");
            }
            return builder.clientAssertion(() -> impostor).build();
        }
        builder.clientId(clientId);
        if (!usesKey) {
            return builder.clientSecret(credentials.get("SERVICE_CLIENT_SECRET") + "-wrong").build();
        }
        ClientAssertionSigner real = new ClientAssertionSigner(ClientAssertionSigner.readPkcs8Pem(privateKeyPem()),
                credentials.get("SERVICE_CLIENT_KEY_ID"));
        return builder.privateKey(UnregisteredKey.forAlgorithm(real.algorithm()), credentials.get("SERVICE_CLIENT_KEY_ID")).build();
    }

    private String privateKeyPem() throws IOException {
        String inline = credentials.get("SERVICE_CLIENT_PRIVATE_KEY");
        return inline.isEmpty() ? Files.readString(Path.of(credentials.get("SERVICE_CLIENT_PRIVATE_KEY_FILE"))) : inline;
    }

    private String requireAdminToken() {
        if (adminToken == null) {
            adminToken = provider(ADMIN_SCOPE).getToken();
        }
        return adminToken;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void expectStatus(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            String body = response.body() == null ? "" : response.body();
            throw new AssertionError("expected HTTP " + status + ", got " + response.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return MiniJson.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the response is not JSON: " + e.getMessage());
        }
    }

    private static String flipFirstCharacter(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
