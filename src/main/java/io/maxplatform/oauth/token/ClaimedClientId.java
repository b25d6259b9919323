package io.maxplatform.oauth.token;

import io.maxplatform.oauth.client.BasicCredentials;
import io.maxplatform.oauth.client.ClientCredentials;

/** The client id a refused request claimed, as far as it can be read, for the audit trail. */
public final class ClaimedClientId {

    private ClaimedClientId() {
    }

    public static String of(String body, String authorization) {
        String form = body == null ? "" : body;
        try {
            return BasicCredentials.parse(authorization).map(ClientCredentials::clientId)
                    .orElseGet(() -> FormBody.parse(form).get(ClientAuthentication.CLIENT_ID).orElse(null));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
