package io.maxplatform.servicetoken;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The guide's {@code .env} variables for a service, read into a {@link ServiceTokenProvider.Builder}; blank values
 * count as unset. The client authenticates with one of {@code SERVICE_CLIENT_SECRET}, a private key
 * ({@code SERVICE_CLIENT_PRIVATE_KEY} or {@code SERVICE_CLIENT_PRIVATE_KEY_FILE}, with {@code SERVICE_CLIENT_KEY_ID})
 * or {@code SERVICE_CLIENT_ASSERTION_FILE} (its platform's identity token, read again for every token request).
 */
final class ProviderEnvironment {

    private ProviderEnvironment() {
    }

    static void apply(Map<String, String> env, ServiceTokenProvider.Builder builder) {
        value(env, "SERVICE_AUTH_URL", builder::baseUrl);
        value(env, "SERVICE_CLIENT_ID", builder::clientId);
        value(env, "SERVICE_CLIENT_SECRET", builder::clientSecret);
        value(env, "SERVICE_CLIENT_PRIVATE_KEY", builder::privateKeyPem);
        value(env, "SERVICE_CLIENT_PRIVATE_KEY_FILE", path -> builder.privateKeyPem(readFile(path)));
        value(env, "SERVICE_CLIENT_KEY_ID", builder::keyId);
        value(env, "SERVICE_CLIENT_ASSERTION_FILE", path -> builder.clientAssertionFile(Path.of(path)));
        value(env, "SERVICE_TOKEN_RESOURCE", builder::resource);
        value(env, "SERVICE_TOKEN_SCOPES", builder::scopes);
        value(env, "SERVICE_TOKEN", builder::serviceToken);
        value(env, "SERVICE_TOKEN_RENEW_BEFORE_MINUTES", m -> builder.renewBefore(Duration.ofMinutes(Long.parseLong(m))));
    }

    private static void value(Map<String, String> env, String name, Consumer<String> setter) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
            setter.accept(value.strip());
        }
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new ServiceTokenException.NotConfigured("SERVICE_CLIENT_PRIVATE_KEY_FILE cannot be read: " + path);
        }
    }
}
