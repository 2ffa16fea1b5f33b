package io.mpscope.multiprocessing.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Lock;
import io.mpscope.multiprocessing.synchronize.Semaphore;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The observe API sees primitives of live child JVMs: owners, waiters, values, and a deadlock cycle. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrimitivesObserveIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();

    private PrimitivesSnapshot snapshot(Observer o) {
        return o.primitives(SharedRuntime.get().sessionId()).orElseThrow();
    }

    @Test
    void deadlockOfTwoProcessesOverTwoLocksIsACycle() throws Exception {
        Lock a = ctx.lock("fork-a");
        Lock b = ctx.lock("fork-b");
        Event aHeld = ctx.event();
        Event bHeld = ctx.event();
        Process p1 = children.track(ctx.process("philosopher-1", () -> {
            a.acquire();
            aHeld.set();
            bHeld.await();
            b.acquire();
        }));
        Process p2 = children.track(ctx.process("philosopher-2", () -> {
            b.acquire();
            bHeld.set();
            aHeld.await();
            a.acquire();
        }));
        p1.start();
        p2.start();
        try (Observer o = new Observer()) {
            Poll.until(Duration.ofSeconds(30), () -> snapshot(o).graph().hasDeadlock(), "a deadlock cycle");
            PrimitivesSnapshot s = snapshot(o);
            WaitForGraph.Cycle c = s.graph().cycles().get(0);
            assertEquals(1, s.graph().cycles().size());
            assertEquals(2, c.parties().size());
            assertTrue(c.primitives().containsAll(List.of(a.directoryIndex(), b.directoryIndex())));
            assertTrue(c.description().contains("'fork-a'") && c.description().contains("'fork-b'"), c.description());
            assertTrue(c.description().contains("philosopher-1") && c.description().contains("philosopher-2"),
                    c.description());
            PrimitiveSnapshot la = s.byId(a.directoryIndex()).orElseThrow();
            assertEquals(p1.getPid().orElse(-1), la.owner().orElseThrow().pid());
            assertEquals(1, la.waiters().size());
            assertEquals(p2.getPid().orElse(-1), la.waiters().get(0).party().pid());
            assertEquals("acquire", la.waiters().get(0).kind());
        }
    }

    @Test
    void showsSemaphoreHoldersEventFlagAndValues() throws Exception {
        Semaphore sem = ctx.semaphore("pool-slots", 3);
        Event go = ctx.event("go");
        var v = ctx.doubleValue(2.5);
        var arr = ctx.array(TypeCode.INT, new long[] {1, 2, 3});
        Event held = ctx.event();
        Process p = children.track(ctx.process(() -> {
            sem.acquire();
            held.set();
            go.await();
            sem.release();
        }));
        p.start();
        assertTrue(held.await(Duration.ofSeconds(30)));
        try (Observer o = new Observer()) {
            PrimitivesSnapshot s = snapshot(o);
            PrimitiveSnapshot ps = s.byId(sem.directoryIndex()).orElseThrow();
            assertEquals(PrimitiveKind.SEMAPHORE, ps.kind());
            assertEquals("pool-slots", ps.name());
            assertEquals(2, ps.value());
            assertEquals(1, ps.holders().size());
            assertEquals(p.getPid().orElse(-1), ps.holders().get(0).pid());
            assertEquals(1, ps.holders().get(0).count());
            PrimitiveSnapshot ev = s.byId(go.directoryIndex()).orElseThrow();
            assertEquals(false, ev.flag());
            Poll.until(Duration.ofSeconds(10), () -> snapshot(o).byId(go.directoryIndex()).orElseThrow()
                    .waiters().size() == 1, "the child waits on the event");
            assertEquals("2.5", s.byId(v.directoryIndex()).orElseThrow().contents());
            assertEquals("[1, 2, 3]", s.byId(arr.directoryIndex()).orElseThrow().contents());
            go.set();
            assertTrue(p.join(Duration.ofSeconds(30)));
            PrimitivesSnapshot after = snapshot(o);
            assertTrue(after.byId(go.directoryIndex()).orElseThrow().flag());
            assertEquals(3, after.byId(sem.directoryIndex()).orElseThrow().value());
            assertTrue(after.byId(sem.directoryIndex()).orElseThrow().holders().isEmpty());
        }
    }
}
