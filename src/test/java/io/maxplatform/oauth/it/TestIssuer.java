package io.maxplatform.oauth.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An identity-token issuer of the tests' own, on the loopback address over plain HTTP (the suite's server allows it
 * with {@code OUTBOUND_ALLOW_HTTP}): the discovery document and JWK Set of an OpenID Connect or Kubernetes issuer, a
 * SPIFFE trust bundle, and a client's published keys, each counting its requests. It signs Kubernetes-shaped and
 * SPIFFE-shaped tokens with its current key; its keys can be rotated, and it can go down and come back on its port.
 */
final class TestIssuer implements AutoCloseable {

    private final List<JWK> keys = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private boolean running;
    private final int port;

    TestIssuer() {
        keys.add(ClientKeys.rsa("issuer-1"));
        server = started(0);
        port = server.getAddress().getPort();
    }

    /** The issuer URL: the {@code iss} of its tokens, and where its discovery document is. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its signing key now. */
    JWK currentKey() {
        return keys.get(keys.size() - 1);
    }

    /** A new key signs from now on; the old one stays published beside it. */
    JWK rotate(JWK next) {
        keys.add(next);
        return next;
    }

    /** Only {@code key} is published (and signs) from now on. */
    void replaceKeys(JWK key) {
        keys.clear();
        keys.add(key);
    }

    int requestsFor(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Stops answering: connections to its port are refused. */
    void down() {
        if (running) {
            server.stop(0);
            running = false;
        }
    }

    void up() {
        server = started(port);
    }

    /** A Kubernetes projected service-account token: an hour, for {@code audience}, of {@code namespace}/{@code account}. */
    String kubernetesToken(String namespace, String account, String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(url())
                .subject("system:serviceaccount:" + namespace + ":" + account).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("kubernetes.io", Map.of("namespace", namespace,
                        "serviceaccount", Map.of("name", account, "uid", UUID.randomUUID().toString()),
                        "pod", Map.of("name", account + "-7d4b9", "uid", UUID.randomUUID().toString())));
        return sign(change.apply(claims).build(), "JWT");
    }

    /** A SPIFFE JWT-SVID: {@code sub} the SPIFFE ID, 5 minutes, no {@code iss} (JWT-SVID §3 does not require one). */
    String jwtSvid(String spiffeId, String audience, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(spiffeId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        return sign(change.apply(claims).build(), "JWT");
    }

    /** An OIDC token of a CI job from issuer {@code iss} (on this server's keys): 5 minutes, a {@code jti}, the job's claims. */
    String ciToken(String iss, String subject, String audience, Map<String, Object> jobClaims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(iss).subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        jobClaims.forEach(claims::claim);
        return sign(claims.build(), "JWT");
    }

    private String sign(JWTClaimsSet claims, String type) {
        JWK key = currentKey();
        JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        return ClientKeys.signWith(key, new JWSHeader.Builder(algorithm).type(new JOSEObjectType(type))
                .keyID(key.getKeyID()).build(), claims);
    }

    private HttpServer started(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            created.createContext("/.well-known/openid-configuration", exchange -> answer(exchange,
                    Json.createObjectBuilder().add("issuer", url()).add("jwks_uri", url() + "/keys").build().toString()));
            created.createContext("/keys", exchange -> answer(exchange, publicKeys().toString()));
            created.createContext("/bundle", exchange -> answer(exchange, spiffeBundle()));
            created.start();
            running = true;
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JWKSet publicKeys() {
        return new JWKSet(List.copyOf(keys)).toPublicJWKSet();
    }

    /** SPIFFE Trust Domain and Bundle §4: the JWT-SVID keys with {@code "use": "jwt-svid"}. */
    private String spiffeBundle() {
        JsonArrayBuilder bundleKeys = Json.createArrayBuilder();
        for (JWK key : publicKeys().getKeys()) {
            var object = Json.createObjectBuilder();
            key.toJSONObject().forEach((name, value) -> object.add(name, String.valueOf(value)));
            bundleKeys.add(object.add("use", "jwt-svid"));
        }
        return Json.createObjectBuilder().add("keys", bundleKeys).add("spiffe_refresh_hint", 300).build().toString();
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        requests.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        down();
    }
}
