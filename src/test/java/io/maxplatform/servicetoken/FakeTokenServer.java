package io.maxplatform.servicetoken;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A token endpoint and an API in the test's own process: it counts requests, issues numbered tokens
 * with a chosen lifetime, and can hold a token request until the test releases it.
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
    /** Status the API answers for a given bearer token. */
    volatile Function<String, Integer> api = token -> 200;

    private final HttpServer server;

    FakeTokenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/oauth/token", this::token);
        server.createContext("/api/oauth/.well-known/oauth-authorization-server",
                exchange -> respond(exchange, 200, "{\"issuer\":\"" + baseUrl() + "/api/oauth\"}"));
        server.createContext("/api/thing", this::thing);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange exchange) throws IOException {
        int n = tokenRequests.incrementAndGet();
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        arrived.countDown();
        CountDownLatch gate = hold;
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (tokenStatus != 200) {
            respond(exchange, tokenStatus, tokenErrorBody);
        } else {
            respond(exchange, 200, "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + ",\"scope\":\"admin:oauth\"}");
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
