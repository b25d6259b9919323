package io.maxplatform.servicetoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MiniJsonTest {

    @Test
    void readsWhatTheServerSends() {
        Map<String, Object> token = MiniJson.parseObject(
                "{\"access_token\":\"a.b.c\",\"expires_in\":86400,\"scope\":\"x y\",\"n\":null,\"ok\":true,"
                        + "\"list\":[1,2.5,\"\\u00e9\\n\"]}");

        assertEquals("a.b.c", token.get("access_token"));
        assertEquals(86400L, token.get("expires_in"));
        assertEquals(List.of(1L, 2.5, "é\n"), token.get("list"));
        assertEquals(Boolean.TRUE, token.get("ok"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{\"a\":\"\u0001\"}", "{} x", "{\"a\":tru}"})
    void refusesMalformedJson(String text) {
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(text));
    }

    @Test
    void refusesDeepNesting() {
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[".repeat(10_000)));
    }
}
