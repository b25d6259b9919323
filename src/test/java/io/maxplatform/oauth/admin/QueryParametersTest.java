package io.maxplatform.oauth.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.maxplatform.oauth.error.ApiException;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void aWholeNumberWithinItsBoundIsRead() {
        assertEquals(604_800L, QueryParameters.wholeNumber("grace_seconds", "604800", 0, 604_800));
        assertEquals(0L, QueryParameters.wholeNumber("grace_seconds", "0", 0, 604_800));
        assertNull(QueryParameters.wholeNumber("grace_seconds", "", 0, 604_800));
    }

    @Test
    void anythingElseIsABadRequestNeverAnOverflow() {
        assertThrows(ApiException.class, () -> QueryParameters.wholeNumber("page", "0", 1, 10), "below the minimum");
        for (String bad : new String[] {"604801", "-1", "+1", "1e3", "1.5", "9999999999999999999", "99999999999999999999999",
                "٣", " 1"}) {
            ApiException refused = assertThrows(ApiException.class,
                    () -> QueryParameters.wholeNumber("grace_seconds", bad, 0, 604_800), bad);
            assertEquals(400, refused.status(), bad);
        }
    }
}
