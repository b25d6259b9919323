package io.maxplatform.oauth.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin API's error body (the guide's shape), for the OpenAPI document. */
@Schema(name = "Error", description = "What went wrong, in one sentence")
public record DetailView(@Schema(example = "Missing required scopes: admin:oauth") String detail) {
}
