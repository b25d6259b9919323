package io.maxplatform.oauth.admin;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A page of the audit trail. Instead of a {@code total} (an exact count over an unbounded filter would read every
 * matching row), {@code has_more} says whether another page follows and {@code next_cursor} fetches it.
 */
@JsonbPropertyOrder({"items", "page", "size", "hasMore", "nextCursor"})
public record AuditLogPageView(
        @JsonbProperty("items") List<AuditLogView> items,
        @JsonbProperty("page") int page,
        @JsonbProperty("size") int size,
        @JsonbProperty("has_more") boolean hasMore,
        @JsonbProperty(value = "next_cursor", nillable = true) String nextCursor) {
}
