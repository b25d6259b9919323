package io.maxplatform.servicetoken;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A token endpoint and an API in the test's own process: it counts requests, issues numbered tokens
 * with a chosen lifetime, and can hold a token request until the test releases it. For the check tool it
 * also answers as the admin API does: 401 without a token it issued, 403 without {@code admin:oauth}.
 */
final class FakeTokenServer implements AutoCloseable {

    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger apiCalls = new AtomicInteger();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    volatile long expiresIn = 86400;
    volatile int tokenStatus = 200;
    volatile String tokenErrorBody;
    volatile CountDownLatch hold;
    volatile CountDownLatch arrived = new CountDownLatch(1);
    /** Whether a token request's form authenticates the client; when not, the answer is 401 invalid_client. */
    volatile Predicate<Map<String, String>> authenticates = form -> true;
    /** Tokens shaped as JWTs (three parts) instead of {@code token-N}, as the check tool expects. */
    volatile boolean jwtShapedTokens;
    /** The scopes each issued token was asked for. */
    private final Map<String, String> scopesOfTokens = new ConcurrentHashMap<>();
    /** Status the API answers for a given bearer token. */
    volatile Function<String, Integer> api = token -> 200;

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private final HttpServer server;

    FakeTokenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/oauth/token", this::token);
        server.createContext("/api/oauth/.well-known/oauth-authorization-server",
                exchange -> respond(exchange, 200, "{\"issuer\":\"" + baseUrl() + "/api/oauth\",\"token_endpoint\":\""
                        + baseUrl() + "/api/oauth/token\",\"grant_types_supported\":[\"client_credentials\"]}"));
        server.createContext("/api/thing", this::thing);
        server.createContext("/api/admin/oauth/service/", this::admin);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The form of the {@code index}th token request, decoded (RFC 6749 Appendix B). */
    Map<String, String> form(int index) {
        return decodeForm(bodies.get(index));
    }

    private static Map<String, String> decodeForm(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private void token(HttpExchange exchange) throws IOException {
        int n = tokenRequests.incrementAndGet();
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        arrived.countDown();
        CountDownLatch gate = hold;
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, String> form = decodeForm(body);
        if (tokenStatus != 200) {
            respond(exchange, tokenStatus, tokenErrorBody);
        } else if (!authenticates.test(form)) {
            respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}");
        } else {
            String token = jwtShapedTokens ? B64URL.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + B64URL.encodeToString(("{\"jti\":\"token-" + n + "\"}").getBytes(StandardCharsets.UTF_8)) + ".c2ln"
                    : "token-" + n;
            String scope = form.getOrDefault("scope", "admin:oauth");
            scopesOfTokens.put(token, scope);
            respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + ",\"scope\":\"" + scope + "\"}");
        }
    }

    /** Statistics and the client list alike, for a token this server issued with {@code admin:oauth}. */
    private void admin(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String scope = authorization == null ? null : scopesOfTokens.get(authorization.substring("Bearer ".length()));
        if (scope == null) {
            respond(exchange, 401, "{\"detail\":\"Not authenticated\"}");
        } else if (!List.of(scope.split(" ")).contains("admin:oauth")) {
            respond(exchange, 403, "{\"detail\":\"Missing required scopes: admin:oauth\"}");
        } else {
            respond(exchange, 200, "{\"total_clients\":1,\"tokens_issued_24h\":" + tokenRequests.get()
                    + ",\"items\":[{\"client_id\":\"svc\"}]}");
        }
    }

    private void thing(HttpExchange exchange) throws IOException {
        apiCalls.incrementAndGet();
        String token = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        respond(exchange, api.apply(token), "{\"token\":\"" + token + "\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
