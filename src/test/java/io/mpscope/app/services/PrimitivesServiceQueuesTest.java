package io.mpscope.app.services;

import static io.mpscope.app.support.PrimitiveFixtures.of;
import static io.mpscope.app.support.PrimitiveFixtures.snapshot;
import static io.mpscope.app.support.QueueFixtures.entry;
import static io.mpscope.app.support.QueueFixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.support.PrimitiveFixtures;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The primitives sampler reads queues in the same tick, on the same thread: only while the view shows, only for the
 * watched session, only if it has queues or pipes, and a failing queue read costs the primitives nothing.
 */
class PrimitivesServiceQueuesTest {
    private final List<String> queueReads = new ArrayList<>();
    private final List<PrimitivesUpdate> published = new ArrayList<>();
    private final QueueSnapshot tasks = queue(0, PrimitiveKind.QUEUE, "tasks").maxsize(4).counters(6, 2).build();
    private final Map<String, PrimitivesSnapshot> sessions = Map.of(
            "q", snapshot("q", List.of(entry(tasks), of(1, PrimitiveKind.LOCK, "printer").build())),
            "locks", snapshot("locks", List.of(of(0, PrimitiveKind.LOCK, "printer").build())),
            "bad", snapshot("bad", List.of(entry(tasks))));

    private PrimitivesService service() {
        return new PrimitivesService(id -> Optional.ofNullable(sessions.get(id)), (id, peek) -> {
            queueReads.add(id + " peek " + peek);
            if (id.equals("bad")) {
                throw new IllegalStateException("ring unreadable");
            }
            return id.equals("q") ? Optional.of(List.of(tasks)) : Optional.empty();
        }, () -> { }, () -> { }, published::add, Duration.ofMillis(500),
                Clock.fixed(PrimitiveFixtures.T0, ZoneOffset.UTC));
    }

    @Test
    void readsQueuesWithTheirFirstItemsInTheSameTickOnlyWhileTheViewShows() {
        PrimitivesService s = service();
        s.watch("q", true);
        s.tick();
        assertEquals(List.of("q peek " + PrimitivesService.QUEUE_PEEK), queueReads);
        PrimitivesUpdate u = published.get(0);
        assertEquals(Optional.of(List.of(tasks)), u.queues());
        assertTrue(u.snapshot().isPresent(), "primitives and queues travel in one update");

        s.watch("q", false);
        for (int i = 0; i < PrimitivesService.BACKGROUND_EVERY * 2; i++) {
            s.tick();
        }
        assertEquals(1, queueReads.size(), "hidden: primitives now and then (deadlocks), queues not at all");
        assertTrue(published.size() > 1);
        assertTrue(published.get(published.size() - 1).queues().isEmpty(), "not read: not known");
    }

    @Test
    void aSessionWithoutQueuesIsNotReadTwice() {
        PrimitivesService s = service();
        s.watch("locks", true);
        s.tick();
        assertTrue(queueReads.isEmpty());
        assertEquals(Optional.of(List.of()), published.get(0).queues(), "known to have none");
    }

    @Test
    void aFailingQueueReadStillPublishesThePrimitives() {
        PrimitivesService s = service();
        s.watch("bad", true);
        s.tick();
        s.tick();
        assertEquals(2, queueReads.size(), "tried again on the next tick");
        assertEquals(2, published.size());
        assertTrue(published.get(0).snapshot().isPresent());
        assertTrue(published.get(0).failure().isEmpty());
        assertTrue(published.get(0).queues().isEmpty());
    }

    @Test
    void withoutAQueueSourceNothingChanges() {
        PrimitivesService s = new PrimitivesService(id -> Optional.ofNullable(sessions.get(id)), () -> { },
                () -> { }, published::add, Duration.ofMillis(500), Clock.systemUTC());
        s.watch("q", true);
        s.tick();
        assertTrue(published.get(0).queues().isEmpty());
    }
}
