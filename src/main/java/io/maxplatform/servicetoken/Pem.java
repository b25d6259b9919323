package io.maxplatform.servicetoken;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEM block (RFC 7468): its label ({@code PRIVATE KEY}, {@code PUBLIC KEY}, …) and the DER bytes
 * between its boundary lines. A block copied into a one-line environment variable may write its newlines
 * as {@code \n}.
 */
record Pem(String label, byte[] der) {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** @throws IllegalArgumentException when {@code text} holds no well-formed PEM block */
    static Pem parse(String text) {
        Matcher block = BLOCK.matcher(text.replace("\\n", "\n"));
        if (!block.find()) {
            throw new IllegalArgumentException("Not PEM: expected a -----BEGIN …----- / -----END …----- block");
        }
        try {
            return new Pem(block.group(1), Base64.getMimeDecoder().decode(block.group(2).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The PEM block " + block.group(1) + " does not hold base64");
        }
    }
}
