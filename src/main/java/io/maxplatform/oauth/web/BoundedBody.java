package io.maxplatform.oauth.web;

import io.maxplatform.oauth.error.OAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A request body read up to a limit, so an oversized one is refused without being held in memory. */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The body as UTF-8 text, or empty when it is longer than {@code limit} bytes. */
    public static Optional<String> read(InputStream in, int limit) {
        if (in == null) {
            return Optional.of("");
        }
        try {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                return Optional.empty();
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The client dropped the connection or sent broken chunking: its request, not a server failure.
            throw OAuthException.invalidRequest("The request body could not be read");
        }
    }
}
