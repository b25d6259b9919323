package io.maxplatform.oauth.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One GET of a small JSON document from another server, with every limit a fetch on the request path needs:
 * a connect timeout, one deadline for the whole exchange (headers and body), a bounded body
 * ({@link BoundedBody}), status 200 only, and no redirect followed. A redirect is refused rather than
 * checked and followed: the URL that was registered and checked is the only one fetched, so a redirect cannot
 * lead to another host, a private address or plain http. The client connects directly, never through a proxy,
 * so the addresses {@link UrlRules#checkAddresses} checked are the ones connected to.
 */
final class BoundedGet {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** HTTP clients kept, one for the default trust store and one for each CA bundle in use. */
    private static final int MAX_CLIENTS = 100;
    private static final String DEFAULT_TRUST = "";

    /** A 200 answer: its body and its {@code Cache-Control}, every header line of it joined by commas. */
    record Answer(byte[] body, Optional<String> cacheControl) {
    }

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final Cache<String, HttpClient> clients = Caffeine.newBuilder().maximumSize(MAX_CLIENTS)
            .executor(Runnable::run).build();

    BoundedGet(Duration connectTimeout, Duration requestTimeout, int maxBodyBytes) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    static BoundedGet withDefaultLimits() {
        return new BoundedGet(CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_BODY_BYTES);
    }

    Answer get(URI uri, Optional<String> caBundlePem) throws FetchFailed {
        HttpClient client;
        try {
            client = clients.get(caBundlePem.orElse(DEFAULT_TRUST), this::client);
        } catch (UnacceptableUrl badBundle) {
            throw new FetchFailed(badBundle.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
                .header("Accept", "application/json, application/jwk-set+json").build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, answer -> answer.statusCode() == 200
                ? new BoundedBody(maxBodyBytes) : HttpResponse.BodySubscribers.<byte[]>replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchFailed(FetchFailed.at(uri) + "no complete answer within " + millis(requestTimeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchFailed(FetchFailed.at(uri) + "interrupted");
        } catch (ExecutionException e) {
            throw new FetchFailed(FetchFailed.at(uri) + failure(e.getCause()));
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            throw new FetchFailed(FetchFailed.at(uri) + "redirect refused (status " + status + "; redirects are not followed)");
        }
        if (status != 200) {
            throw new FetchFailed(FetchFailed.at(uri) + "status " + status + ", not 200");
        }
        String cacheControl = String.join(", ", response.headers().allValues("Cache-Control"));
        return new Answer(response.body(), cacheControl.isEmpty() ? Optional.empty() : Optional.of(cacheControl));
    }

    private HttpClient client(String caBundlePem) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1);
        if (!caBundlePem.equals(DEFAULT_TRUST)) {
            builder.sslContext(CaBundle.sslContext(caBundlePem));
        }
        return builder.build();
    }

    private String failure(Throwable cause) {
        if (cause instanceof BoundedBody.TooLarge) {
            return "the body is larger than " + maxBodyBytes / 1024 + " KiB, refused";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + millis(connectTimeout);
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + millis(requestTimeout);
        }
        if (cause instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (cause instanceof SSLException) {
            return "TLS failed (is the server's certificate trusted, by a CA bundle where it is not public?): "
                    + cause.getMessage();
        }
        if (cause instanceof IOException && cause.getCause() instanceof SSLException tls) {
            return failure(tls);
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String millis(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
