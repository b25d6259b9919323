package io.maxplatform.oauth.admin;

import io.maxplatform.oauth.error.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read strictly: a JSON object, only the fields the endpoint names (an unknown field such as
 * {@code client_secret} or {@code is_active} on create is refused, not ignored: no mass assignment), each
 * of the expected type. Every refusal says which field and why.
 *
 * <p>Written by hand rather than bound by JSON-B, because JSON-B cannot keep this strictness. Measured with
 * the Yasson 3.0.4 that Payara Micro 6.2025.10 ships, {@code jsonb.fail-on-unknown-properties} on: unknown
 * fields are refused, but wrong types are converted silently ({@code 5} becomes the name {@code "5"},
 * {@code "yes"} becomes {@code false}, {@code 1.5} becomes {@code 1}, {@code 3000000000} overflows an
 * {@code Integer}); its messages name Java classes and parser events; and a record cannot tell an absent
 * field from an explicit {@code null}, which a PATCH needs ({@code token_lifetime_seconds: null} clears it).
 */
final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    /**
     * The body as read with a limit of {@code maxBytes}, or 413 when it was longer (read as null).
     */
    static String within(String body, int maxBytes) {
        if (body == null) {
            throw new ApiException(413, "The request body is too large (at most " + maxBytes + " bytes)");
        }
        return body;
    }

    /** A body that may be parsed: within {@code maxBytes} (a null body was longer: 413) and sent as JSON (else 415). */
    static String requireJson(String body, int maxBytes, jakarta.ws.rs.core.MediaType type) {
        within(body, maxBytes);
        if (type != null && !type.isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)) {
            throw new ApiException(415, "Content-Type must be application/json");
        }
        return body;
    }

    static JsonBody parse(String body, Set<String> allowedFields) {
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException | NumberFormatException | ArithmeticException e) {
            // A number such as 1e99999999999 fails in BigDecimal itself, not as a JSON syntax error.
            throw ApiException.badRequest("Malformed JSON in the request body");
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        Set<String> unknown = new TreeSet<>(object.keySet());
        unknown.removeAll(allowedFields);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unknown field(s): " + String.join(", ", unknown)
                    + "; allowed: " + String.join(", ", new TreeSet<>(allowedFields)));
        }
        return new JsonBody(object);
    }

    /** A string field of a body that may not even be JSON, for naming the target of a refused call. */
    static String peekString(String body, String field) {
        try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object && object.get(field) instanceof JsonString s ? s.getString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    boolean has(String field) {
        return object.containsKey(field);
    }

    /** Whether the field is given as JSON {@code null} (which a PATCH uses to clear it). */
    boolean isNull(String field) {
        return object.containsKey(field) && object.get(field).getValueType() == JsonValue.ValueType.NULL;
    }

    String string(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return string.getString();
    }

    String requiredString(String field) {
        return Optional.ofNullable(string(field)).orElseThrow(() -> ApiException.badRequest(field + " is required"));
    }

    List<String> strings(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest(field + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString string)) {
                throw ApiException.badRequest(field + " must be an array of strings");
            }
            strings.add(string.getString());
        }
        return List.copyOf(strings);
    }

    /** A JSON object field as its JSON text, for a library that parses it (a JWK Set); null when absent. */
    String objectText(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(field + " must be a JSON object");
        }
        return value.toString();
    }

    Boolean bool(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    /** An integer, or null when absent or JSON null. */
    Integer integer(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiException.badRequest(field + " must be an integer");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(field + " is out of range");
        }
    }

    long requiredLong(String field) {
        JsonValue value = object.get(field);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiException.badRequest(field + " is required (an integer)");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(field + " is out of range");
        }
    }
}
