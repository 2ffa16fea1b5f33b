package io.mpscope.app.services;

import static io.mpscope.app.support.PrimitiveFixtures.cycle;
import static io.mpscope.app.support.PrimitiveFixtures.holder;
import static io.mpscope.app.support.PrimitiveFixtures.of;
import static io.mpscope.app.support.PrimitiveFixtures.owner;
import static io.mpscope.app.support.PrimitiveFixtures.snapshot;
import static io.mpscope.app.support.PrimitiveFixtures.thread;
import static io.mpscope.app.support.PrimitiveFixtures.waits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The primitives sampler reads only the watched session, slower while hidden; held locks for the warning. */
class PrimitivesServiceTest {
    private final List<String> reads = new ArrayList<>();
    private final List<PrimitivesUpdate> published = new ArrayList<>();
    private int forgets;

    private PrimitivesService service(Map<String, PrimitivesSnapshot> sessions) {
        return new PrimitivesService(id -> {
            reads.add(id);
            if (id.equals("bad")) {
                throw new IllegalStateException("segment unreadable");
            }
            return Optional.ofNullable(sessions.get(id));
        }, () -> forgets++, () -> { }, published::add, Duration.ofMillis(500),
                Clock.fixed(io.mpscope.app.support.PrimitiveFixtures.T0, ZoneOffset.UTC));
    }

    @Test
    void readsNothingWithoutASessionEveryTickWhileShownAndEveryFourthWhileHidden() {
        PrimitivesService s = service(Map.of("a", snapshot("a", List.of())));
        for (int i = 0; i < 4; i++) {
            s.tick();
        }
        assertTrue(reads.isEmpty(), "no session watched: no read");

        s.watch("a", true); // not started: the read-at-once is not queued; ticks do the work here
        for (int i = 0; i < 4; i++) {
            s.tick();
        }
        assertEquals(4, reads.size());

        s.watch("a", false);
        for (int i = 0; i < 8; i++) {
            s.tick();
        }
        assertEquals(4 + 8 / PrimitivesService.BACKGROUND_EVERY, reads.size());
        assertEquals("a", published.get(0).sessionId());
        assertTrue(published.get(0).snapshot().isPresent());
        assertEquals(1, forgets, "ended sessions are let go when the watched session changes, not every tick");
    }

    @Test
    void aFailedReadIsPublishedAsFailedAndAGoneSessionAsEmpty() {
        PrimitivesService s = service(Map.of());
        s.read("bad");
        s.read("gone");
        assertEquals(Optional.of("segment unreadable"), published.get(0).failure());
        assertTrue(published.get(1).failure().isEmpty());
        assertTrue(published.get(1).snapshot().isEmpty());
    }

    @Test
    void aStartedServiceReadsANewSessionAtOnceAndAnswersHeldLocks() throws Exception {
        PrimitivesSnapshot snap = snapshot("a", List.of(of(0, PrimitiveKind.LOCK, "printer")
                .owner(owner(1, 11, "printer"), 5).waiters(waits(thread(2, 12, "clerk"), "acquire", 3)).build()));
        PrimitivesService s = new PrimitivesService(id -> Optional.of(snap), () -> { }, () -> { }, published::add,
                Duration.ofHours(1), Clock.systemUTC());
        s.start();
        try {
            s.watch("a", true);
            List<HeldLock> held = s.find(List.of(new ActionTarget(11, "printer", "a", true)))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(1, held.size());
            assertEquals("pid 11 holds Lock 'printer'; 1 process waits on it", held.get(0).describe());
            assertFalse(published.isEmpty(), "the watched session was read at once, not after an hour");
        } finally {
            s.close();
            assertTrue(s.awaitTermination(Duration.ofSeconds(10)));
        }
        assertEquals(List.of(), s.find(List.of(new ActionTarget(11, "printer", "a", true))).get(1, TimeUnit.SECONDS),
                "closed: nothing found, nothing thrown");
    }

    @Test
    void heldNamesLocksAndPermitsOfEachTargetWithWaitingProcessesAndDeadlocks() {
        var p1 = owner(1, 11, "philosopher-1");
        var p2 = owner(2, 12, "philosopher-2");
        var w1 = thread(1, 11, "philosopher-1");
        var w2 = thread(2, 12, "philosopher-2");
        var other = thread(3, 13, "clerk");
        var sameProcess = io.mpscope.app.support.PrimitiveFixtures.party(3, 13, "clerk", 9, "clerk-2");
        PrimitivesSnapshot snap = snapshot("a", List.of(
                of(0, PrimitiveKind.LOCK, "fork-a").owner(p1, 5).waiters(waits(w2, "acquire", 4)).build(),
                of(1, PrimitiveKind.LOCK, "fork-b").owner(p2, 5)
                        .waiters(waits(w1, "acquire", 4), waits(other, "acquire", 2), waits(sameProcess, "acquire", 1))
                        .build(),
                of(2, PrimitiveKind.BOUNDED_SEMAPHORE, "slots").value(0).maxValue(2)
                        .holders(holder(1, 11, "philosopher-1", 2)).build(),
                of(3, PrimitiveKind.RLOCK, "free").build()),
                cycle(List.of(w1, w2), List.of(1, 0), "a cycle"));
        List<HeldLock> held = PrimitivesService.held(List.of(new ActionTarget(11, "philosopher-1", "a", true),
                new ActionTarget(12, "philosopher-2", "a", true), new ActionTarget(99, "sleep", "", false)),
                id -> Optional.of(snap));

        assertEquals(List.of(
                "pid 11 holds Lock 'fork-a'; 1 process waits on it (in a deadlock)",
                "pid 11 holds 2 permits of BoundedSemaphore 'slots'",
                "pid 12 holds Lock 'fork-b'; 2 processes wait on it (in a deadlock)"),
                held.stream().map(HeldLock::describe).toList());
    }
}
