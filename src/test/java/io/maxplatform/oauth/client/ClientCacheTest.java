package io.maxplatform.oauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maxplatform.oauth.config.AfterCommit;
import io.maxplatform.oauth.config.ChangeFeedStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCacheTest {

    /** The database as the cache reads it: one row, and a hook that runs while it is being read. */
    private final List<String> reads = new ArrayList<>();
    private Client row = client("first name");
    private Runnable duringRead = () -> { };
    private final ClientCache cache = new ClientCache();
    private final ChangeFeedStatus feed = new ChangeFeedStatus();

    @BeforeEach
    void wire() {
        cache.clients = new ClientRepository() {
            @Override
            public Optional<Client> findDetached(String clientId) {
                reads.add(clientId);
                Client seen = row;
                duringRead.run();
                return Optional.ofNullable(seen);
            }
        };
        feed.listening();
        cache.feed = feed;
        cache.afterCommit = new AfterCommit() {
            @Override
            public void run(Runnable work) {
                work.run();
            }
        };
    }

    @Test
    void aClientIsReadOnceThenServedFromMemory() {
        RegisteredClient first = cache.find("svc").orElseThrow();
        RegisteredClient second = cache.find("svc").orElseThrow();

        assertSame(first, second);
        assertEquals(List.of("svc"), reads);
    }

    @Test
    void whileChangesGoUnheardEveryLookupReadsTheDatabase() {
        cache.feed = new ChangeFeedStatus(); // never heard from: another instance's change could be missed

        cache.find("svc");
        row = client("renamed elsewhere");

        assertEquals("renamed elsewhere", cache.find("svc").orElseThrow().secretHash());
        assertEquals(List.of("svc", "svc"), reads);
    }

    @Test
    void aChangeIsSeenByTheNextLookup() {
        cache.find("svc");
        row = client("renamed");
        cache.changed("svc");

        assertEquals("renamed", cache.find("svc").orElseThrow().secretHash());
    }

    @Test
    void aRowReadWhileAChangeCommittedIsNotKept() {
        duringRead = () -> {
            row = client("renamed");
            cache.changed("svc");
        };
        assertEquals("first name", cache.find("svc").orElseThrow().secretHash(), "this caller saw the old row");
        duringRead = () -> { };

        assertEquals("renamed", cache.find("svc").orElseThrow().secretHash(), "but it was not cached");
        assertEquals(2, reads.size());
    }

    @Test
    void anUnknownIdCostsWhatAKnownOneCosts() {
        row = null;
        assertTrue(cache.find("svc").isEmpty());
        assertTrue(cache.find("svc").isEmpty());

        assertEquals(1, reads.size(), "a second guess is not slower than for a known id");
    }

    @Test
    void aClientRegisteredAfterAFailedLookupIsFoundAtOnce() {
        row = null;
        cache.find("svc");
        row = client("new");
        cache.changed("svc");

        assertEquals("new", cache.find("svc").orElseThrow().secretHash());
    }

    /** A client told apart by its secret hash, which the cached copy carries. */
    private static Client client(String hash) {
        return new Client("svc", "Service", hash, List.of(), List.of());
    }
}
