package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A manager's Barrier keeps CPython's threading.Barrier semantics across processes: abort, reset, timeouts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerBarrierIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();
    SyncManager m;

    @BeforeEach
    void start() {
        m = ctx.manager();
        children.track(m.getProcess());
    }

    @AfterEach
    void stop() {
        m.shutdown();
    }

    @Test
    void partiesInTwoProcessesPassTogetherWithDistinctIndices() throws Exception {
        BarrierProxy b = m.barrier(2);
        QueueProxy<Integer> q = m.queue();
        Process p = children.track(ctx.process(() -> q.put(b.await(Duration.ofSeconds(30)))));
        p.start();
        int mine = b.await(Duration.ofSeconds(30));
        int theirs = q.get(Duration.ofSeconds(30));
        assertEquals(Set.of(0, 1), Set.of(mine, theirs));
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(0, p.getExitCode().getAsInt());
        assertFalse(b.isBroken());
    }

    @Test
    void abortBreaksTheWaiterInAChildAndEveryLaterWaitUntilReset() throws Exception {
        BarrierProxy b = m.barrier(2);
        QueueProxy<String> q = m.queue();
        Process p = children.track(ctx.process(() -> {
            try {
                b.await(Duration.ofSeconds(30));
                q.put("passed");
            } catch (BrokenBarrierException e) {
                q.put("broken");
            }
        }));
        p.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.getNumberWaiting() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, b.getNumberWaiting(), "the child waits at the barrier");
        b.abort();
        assertEquals("broken", q.get(Duration.ofSeconds(30)));
        assertTrue(b.isBroken());
        // CPython: a broken barrier fails every wait at once until reset (a CyclicBarrier's reset would accept it)
        assertThrows(BrokenBarrierException.class, () -> b.await(Duration.ofSeconds(30)));
        b.reset();
        assertFalse(b.isBroken());
        Process again = children.track(ctx.process(() -> b.await(Duration.ofSeconds(30))));
        again.start();
        b.await(Duration.ofSeconds(30));
        assertTrue(again.join(Duration.ofSeconds(30)));
        assertEquals(0, again.getExitCode().getAsInt());
    }

    @Test
    void aWaitThatTimesOutBreaksTheBarrier() {
        BarrierProxy b = m.barrier(2);
        assertThrows(BrokenBarrierException.class, () -> b.await(Duration.ofMillis(100)));
        assertTrue(b.isBroken());
        assertEquals(2, b.getParties());
        assertEquals(0, b.getNumberWaiting());
    }
}
