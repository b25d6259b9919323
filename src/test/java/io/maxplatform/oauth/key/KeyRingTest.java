package io.maxplatform.oauth.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key's state follows from its times alone: the same rows give every server the same answer. */
class KeyRingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long DAY = 86_400;

    private static KeyRing.Key key(String kid, Instant created, Instant activates, Instant retired, Instant withdrawn) {
        return new KeyRing.Key(kid, "RS256", "{}", created, activates, retired, withdrawn, DAY);
    }

    /** K1 signs from T0; K2 is published at T0 + 1 h and signs from T0 + 1 h 10 min, when K1 retires. */
    private static final Instant SWITCH = T0.plus(Duration.ofMinutes(70));
    private static final KeyRing PLANNED = new KeyRing(List.of(
            key("k1", T0, T0, SWITCH, null),
            key("k2", T0.plus(Duration.ofHours(1)), SWITCH, null, null)));

    private static List<String> published(KeyRing ring, Instant at) {
        return ring.publishedAt(at).stream().map(KeyRing.Key::kid).toList();
    }

    @Test
    void aPlannedRotationPublishesTheNextKeyBeforeItSigns() {
        Instant during = SWITCH.minusSeconds(1);

        assertEquals("k1", PLANNED.signingAt(during).orElseThrow().kid());
        assertEquals(List.of("k1", "k2"), published(PLANNED, during));
        assertEquals(KeyRing.State.NEXT, PLANNED.keys().get(1).stateAt(during));
        assertEquals("k2", PLANNED.nextAt(during).orElseThrow().kid());
    }

    @Test
    void atTheSwitchOverTheNewKeySignsAndTheOldOneStaysPublished() {
        assertEquals("k2", PLANNED.signingAt(SWITCH).orElseThrow().kid());
        assertEquals(List.of("k1", "k2"), published(PLANNED, SWITCH));
        assertEquals(KeyRing.State.RETIRED, PLANNED.keys().get(0).stateAt(SWITCH));
        assertTrue(PLANNED.nextAt(SWITCH).isEmpty());
    }

    @Test
    void theOldKeyLeavesTheJwksOnceItsLongestLivedTokenAndTheLeewayHavePassed() {
        Instant until = SWITCH.plusSeconds(DAY).plus(KeyRing.LEEWAY);

        assertEquals(until, PLANNED.keys().get(0).publishedUntil());
        assertEquals(List.of("k1", "k2"), published(PLANNED, until.minusSeconds(1)));
        assertEquals(List.of("k2"), published(PLANNED, until));
        assertEquals(KeyRing.State.EXPIRED, PLANNED.keys().get(0).stateAt(until));
    }

    @Test
    void aWithdrawnKeyIsGoneAtOnce() {
        Instant compromised = T0.plus(Duration.ofMinutes(5));
        KeyRing emergency = new KeyRing(List.of(
                key("k1", T0, T0, null, compromised),
                key("k2", compromised, compromised, null, null)));

        assertEquals(List.of("k1", "k2"), published(emergency, compromised.minusSeconds(1)));
        assertEquals(List.of("k2"), published(emergency, compromised));
        assertEquals("k2", emergency.signingAt(compromised).orElseThrow().kid());
        assertEquals(KeyRing.State.WITHDRAWN, emergency.keys().get(0).stateAt(compromised));
    }

    @Test
    void theViewIsRecomputedAtEachKeysNextChange() {
        assertEquals(SWITCH, PLANNED.nextChangeAfter(T0.plus(Duration.ofHours(1))));
        assertEquals(PLANNED.keys().get(0).publishedUntil(), PLANNED.nextChangeAfter(SWITCH));
        assertEquals(Instant.MAX, PLANNED.nextChangeAfter(PLANNED.keys().get(0).publishedUntil()));
    }

    @Test
    void withNoKeyActiveNothingSigns() {
        KeyRing future = new KeyRing(List.of(key("k1", T0, T0.plusSeconds(60), null, null)));

        assertTrue(future.signingAt(T0).isEmpty());
        assertEquals(List.of("k1"), published(future, T0));
    }
}
