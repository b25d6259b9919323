package io.maxplatform.oauth.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret, secret hash and token the black-box suite handled, collected as it goes (all test classes
 * run in one JVM), so {@link SecretsNeverLeakIT} can search the servers' logs for each of them at the end.
 */
final class SuiteSecrets {

    /** Shorter values could occur in a log by chance; every real secret and token is longer. */
    static final int MIN_LENGTH = 20;
    private static final Pattern IN_JSON = Pattern.compile("\"(access_token|client_secret)\"\\s*:\\s*\"([^\"]+)\"");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private SuiteSecrets() {
    }

    static void add(String value) {
        if (value != null && value.length() >= MIN_LENGTH) {
            SEEN.add(value);
        }
    }

    /** The tokens and secrets in a response body. */
    static void addFrom(String responseBody) {
        if (responseBody != null) {
            Matcher found = IN_JSON.matcher(responseBody);
            while (found.find()) {
                add(found.group(2));
            }
        }
    }

    static Set<String> all() {
        return Set.copyOf(SEEN);
    }
}
