package io.maxplatform.oauth.admin;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** {@code GET /api/admin/system/trust-anchors}: every trust anchor, by name (there are a handful, so no paging). */
public record TrustAnchorsView(@JsonbProperty("items") List<TrustAnchorView> items) {
}
