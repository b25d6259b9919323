package io.maxplatform.oauth.authentication;

import io.maxplatform.oauth.error.OAuthException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, parsed strictly (RFC 6749 Appendix B): UTF-8, every
 * escape well-formed, and no parameter more than once (RFC 6749 §3.2) except {@code resource}, which RFC 8707
 * §2 lets a client repeat. Parsing the raw body ourselves, rather than through the servlet's parameter map,
 * also keeps query-string parameters out of it.
 */
public final class FormBody {

    static final int MAX_PARAMETERS = 32;
    /** RFC 8707 §2: the one parameter a token request may repeat. */
    public static final String RESOURCE = "resource";

    private final Map<String, List<String>> parameters;

    private FormBody(Map<String, List<String>> parameters) {
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    public static FormBody parse(String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        int count = 0;
        if (body == null || body.isEmpty()) {
            return new FormBody(parameters);
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (parameters.containsKey(name) && !RESOURCE.equals(name)) {
                throw OAuthException.invalidRequest("Parameter " + printable(name) + " is repeated");
            }
            if (count++ == MAX_PARAMETERS) {
                throw OAuthException.invalidRequest("Too many parameters");
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormBody(parameters);
    }

    /** The value, absent when the parameter is missing or empty (RFC 6749 §3.2: empty means omitted). */
    public Optional<String> get(String name) {
        List<String> values = parameters.get(name);
        String value = values == null ? null : values.get(0);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every value of a repeatable parameter, in order; an empty value counts (it is an error to the caller). */
    public List<String> all(String name) {
        return List.copyOf(parameters.getOrDefault(name, List.of()));
    }

    public boolean has(String name) {
        return get(name).isPresent();
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw OAuthException.invalidRequest("Malformed percent-encoding in the request body");
                }
                int high = hexDigit(encoded.charAt(i + 1));
                int low = hexDigit(encoded.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw OAuthException.invalidRequest("Malformed percent-encoding in the request body");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c > 0x7E || c < 0x20) {
                throw OAuthException.invalidRequest("The request body must be form-url-encoded ASCII");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw OAuthException.invalidRequest("The request body is not valid UTF-8");
        }
    }

    /**
     * An ASCII hex digit (RFC 3986 §2.1), or -1. Not {@code Character.digit}, which also reads other scripts'
     * digits: {@code %٤١} would decode to {@code A} here and mean something else to a filter in front.
     */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** A parameter name fit for an error message: short, printable ASCII only. */
    private static String printable(String name) {
        String visible = name.replaceAll("[^\\x21-\\x7E]", "?");
        return visible.length() > 40 ? visible.substring(0, 40) + "…" : visible;
    }
}
