package io.maxplatform.oauth.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static Duration of(String header) {
        return Freshness.fromCacheControl(Optional.ofNullable(header));
    }

    @Test
    void maxAgeWithinAMinuteAndADay() {
        assertEquals(Duration.ofSeconds(600), of("public, max-age=600"));
        assertEquals(Duration.ofSeconds(600), of("max-age=\"600\", must-revalidate"));
        assertEquals(Duration.ofSeconds(60), of("max-age=0"));
        assertEquals(Duration.ofHours(24), of("max-age=999999999"));
        assertEquals(Duration.ofSeconds(3600), of("s-maxage=60, MAX-AGE=3600"));
    }

    @Test
    void noCachingCountsAsTheLeast() {
        assertEquals(Duration.ofSeconds(60), of("no-store"));
        assertEquals(Duration.ofSeconds(60), of("max-age=3600, no-cache"));
    }

    @Test
    void fiveMinutesWithoutAReadableMaxAge() {
        assertEquals(Duration.ofMinutes(5), of(null));
        assertEquals(Duration.ofMinutes(5), of("public"));
        assertEquals(Duration.ofMinutes(5), of("max-age=-1"));
        assertEquals(Duration.ofMinutes(5), of("max-age=soon"));
    }
}
