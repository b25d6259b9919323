package io.maxplatform.oauth.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code .env} file of the working directory, as the guide's setup step writes it: {@code NAME=value}
 * lines, {@code #} comments (also after a value, as in the guide), optional {@code export} and quotes.
 * Empty values count as unset.
 */
public final class DotEnvFile {

    private final Map<String, String> values;

    private DotEnvFile(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Reads {@code .env} from the working directory; a missing or unreadable file is an empty one. */
    public static DotEnvFile inWorkingDirectory() {
        Path file = Path.of(System.getProperty("user.dir", "."), ".env");
        try {
            return Files.isRegularFile(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : empty();
        } catch (IOException e) {
            return empty();
        }
    }

    public static DotEnvFile empty() {
        return new DotEnvFile(Map.of());
    }

    public static DotEnvFile parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        }
        return new DotEnvFile(values);
    }

    private static String unquote(String value) {
        if (value.startsWith("#")) {
            return "";
        }
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.indexOf(first, 1) > 0) {
                return value.substring(1, value.indexOf(first, 1));
            }
        }
        int comment = value.indexOf(" #");
        return (comment >= 0 ? value.substring(0, comment) : value).strip();
    }

    public Map<String, String> asMap() {
        return values;
    }

    /**
     * Looks a configuration property up the way MicroProfile Config maps environment variables: the exact
     * name, then non-alphanumerics replaced by {@code _}, then that in upper case.
     */
    public Optional<String> lookup(String propertyName) {
        String sanitized = propertyName.replaceAll("[^A-Za-z0-9]", "_");
        for (String candidate : List.of(propertyName, sanitized, sanitized.toUpperCase(java.util.Locale.ROOT))) {
            String value = values.get(candidate);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
