package io.maxplatform.servicetoken;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468) for keys the tests generate as they run: no key is ever part of the sources. */
public final class TestPem {

    private TestPem() {
    }

    public static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
