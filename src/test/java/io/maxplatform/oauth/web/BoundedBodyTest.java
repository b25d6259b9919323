package io.maxplatform.oauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.error.OAuthException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsUpToTheLimitAndRefusesPastIt() {
        assertEquals("abc", BoundedBody.read(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 3).orElseThrow());
        assertTrue(BoundedBody.read(new ByteArrayInputStream("abcd".getBytes(StandardCharsets.UTF_8)), 3).isEmpty());
    }

    @Test
    void aBodyThatBreaksOffIsTheClientsBadRequestNotAServerError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        OAuthException refused = assertThrows(OAuthException.class, () -> BoundedBody.read(broken, 100));
        assertEquals(400, refused.status());
        assertEquals("invalid_request", refused.error());
    }
}
