package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pools-and-managers sampler reads only the watched session, only what shows, both now and then. */
class PoolsServiceTest {
    private final List<String> reads = new ArrayList<>();
    private final List<PoolsUpdate> published = new ArrayList<>();

    private PoolsService service(Runnable closed) {
        return new PoolsService(id -> {
            reads.add("pools " + id);
            if (id.equals("bad")) {
                throw new IllegalStateException("pool block unreadable");
            }
            return id.equals("gone") ? Optional.<List<PoolSnapshot>>empty() : Optional.of(List.<PoolSnapshot>of());
        }, id -> {
            reads.add("managers " + id);
            return id.equals("gone") ? Optional.<List<ManagerSnapshot>>empty()
                    : Optional.of(List.<ManagerSnapshot>of());
        }, closed, published::add, Duration.ofMillis(500), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void readsWhatShowsEveryTickAndBothEveryFourthTick() {
        PoolsService s = service(() -> { });
        for (int i = 0; i < 4; i++) {
            s.tick();
        }
        assertTrue(reads.isEmpty(), "no session: no read");

        s.watch("a", true, false); // not started: ticks do the work here
        for (int i = 0; i < 4; i++) {
            s.tick();
        }
        assertEquals(List.of("pools a", "managers a", "pools a", "pools a", "pools a"), reads,
                "every 4th tick of the service (here its 5th) reads both");
        assertTrue(published.get(0).pools().isPresent());
        reads.clear();

        s.watch("a", false, false);
        for (int i = 0; i < 8; i++) {
            s.tick();
        }
        assertEquals(List.of("pools a", "managers a", "pools a", "managers a"), reads, "hidden: both, now and then");
        reads.clear();

        s.watch("a", false, true);
        s.tick(); // the 17th: a background tick
        s.tick();
        assertEquals(List.of("pools a", "managers a", "managers a"), reads);
        assertTrue(published.get(published.size() - 1).pools().isEmpty(), "not read: not published as read");
    }

    @Test
    void aFailedReadAndAGoneSessionArePublishedAsSuch() {
        PoolsService s = service(() -> { });
        s.read("bad", true, true);
        s.read("gone", true, false);
        assertEquals(Optional.of("pool block unreadable"), published.get(0).failure());
        assertTrue(published.get(1).gone());
        assertTrue(published.get(1).failure().isEmpty());
    }

    @Test
    void aStartedServiceReadsANewSessionAtOnceAndClosesItsSource() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        PoolsService s = new PoolsService(id -> Optional.of(List.of()), id -> Optional.of(List.of()),
                closed::countDown, u -> published.add(u), Duration.ofHours(1), Clock.systemUTC());
        s.start();
        s.tick(); // the first scheduled tick may run before or after: it reads nothing without a session
        s.watch("a", false, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && published.stream().noneMatch(u -> u.sessionId().equals("a"))) {
            Thread.sleep(10);
        }
        s.close();
        assertTrue(closed.await(10, TimeUnit.SECONDS), "the source is closed after the last tick");
        assertTrue(published.stream().anyMatch(u -> u.sessionId().equals("a") && u.pools().isPresent()
                && u.managers().isPresent()), "a new session is read at once, both kinds");
        assertThrows(IllegalStateException.class, s::start);
        assertFalse(published.isEmpty());
    }
}
