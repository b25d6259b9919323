package io.maxplatform.servicetoken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The identity token the service's platform gives it (a Kubernetes projected service-account token, a SPIFFE
 * JWT-SVID, a CI system's OIDC token), presented as the client's assertion (RFC 7521 §4.2, RFC 7523 §2.2).
 * The platform rewrites the file before the token expires, so it is read anew for every token request and
 * never kept. What the file holds is never part of a message: only its path is.
 */
final class ClientAssertionFile implements Supplier<String> {

    /** Far above any platform's identity token; a larger file is the wrong file, and is not read further. */
    static final int MAX_BYTES = 16 * 1024;
    /** A JWS in compact form (RFC 7515 §7.1): three base64url parts, the signature not empty. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final Path file;

    ClientAssertionFile(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    /**
     * The file's token, white space around it removed.
     *
     * @throws ServiceTokenException.AssertionFileUnusable when the file cannot be read, is empty, is larger
     *         than {@link #MAX_BYTES}, or holds no JWT; the latter keeps a key or other secret pointed at by
     *         mistake from being sent to the server
     */
    @Override
    public String get() {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw unusable("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw unusable("is larger than " + MAX_BYTES / 1024 + " KiB, too large for an identity token");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw unusable("is empty");
        }
        if (!COMPACT_JWS.matcher(token).matches()) {
            throw unusable("does not hold a JWT (three base64url parts joined by dots); nothing was sent");
        }
        return token;
    }

    private ServiceTokenException.AssertionFileUnusable unusable(String why) {
        return new ServiceTokenException.AssertionFileUnusable("The client assertion file " + file + " " + why);
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
