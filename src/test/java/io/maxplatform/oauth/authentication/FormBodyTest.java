package io.maxplatform.oauth.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.error.OAuthException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {

    @Test
    void decodesPlusAndPercentEscapesAsUtf8() {
        FormBody form = FormBody.parse("scope=admin%3Aoauth+admin:users&client_secret=%C3%A9%2B%26%3D");

        assertEquals(Optional.of("admin:oauth admin:users"), form.get("scope"));
        assertEquals(Optional.of("é+&="), form.get("client_secret"));
    }

    @Test
    void anEmptyValueCountsAsOmitted() {
        FormBody form = FormBody.parse("scope=&grant_type=client_credentials");

        assertFalse(form.has("scope"));
        assertTrue(form.has("grant_type"));
    }

    @Test
    void aRepeatedParameterIsRefusedEvenWithTheSameValue() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> FormBody.parse("grant_type=client_credentials&grant_type=client_credentials"));

        assertEquals("invalid_request", e.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id=%ZZ", "client_id=%C3", "client_id=%C0%AF", "client_id=abc%", "client_id=é",
        "client_id=%\u0664\u0661", "client_id=%\uFF21\uFF22", "client_id=%4\u0661"})
    void malformedEncodingIsInvalidRequest(String body) {
        assertEquals("invalid_request", assertThrows(OAuthException.class, () -> FormBody.parse(body)).error());
    }

    @Test
    void aNulByteIsKeptNotTruncated() {
        assertEquals(Optional.of("c1\u0000admin"), FormBody.parse("client_id=c1%00admin").get("client_id"));
    }

    @Test
    void aParameterFloodIsRefused() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= FormBody.MAX_PARAMETERS; i++) {
            body.append("p").append(i).append("=x&");
        }
        assertThrows(OAuthException.class, () -> FormBody.parse(body.toString()));
    }
}
