package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Growing, shrinking and restarting a pool's workers with real worker JVMs, while a map runs: no task is lost or run
 * twice, retired workers exit, replacements are new processes, and the observer sees the new size.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolResizeIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();
    final List<Pool> pools = new ArrayList<>();

    Pool pool(int n) {
        Pool p = ctx.pool(PoolOptions.defaults().withProcesses(n));
        pools.add(p);
        return p;
    }

    @AfterEach
    void stopPools() throws Exception {
        for (Pool p : pools) {
            p.terminate();
            p.join();
        }
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void waitFor(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The pids that ran tasks, from results of the form pid * 1000 + x. */
    static Set<Long> pidsOf(List<Long> out) {
        Set<Long> s = new HashSet<>();
        for (long v : out) {
            s.add(v / 1000);
        }
        return s;
    }

    static final TaskFunction<Integer, Long> SLOW_PID = x -> {
        Thread.sleep(60);
        return ProcessHandle.current().pid() * 1000 + x;
    };

    static void assertAllOnce(List<Long> out, int n) {
        assertEquals(n, out.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, out.get(i) % 1000, "task " + i + " answered in its place");
        }
    }

    @Test
    void growStartsWorkersThatTakeTasks() throws Exception {
        Pool p = pool(1);
        waitFor(() -> p.workerPids().size() == 1, "the first worker");
        AsyncResult<List<Long>> r = p.mapAsync(SLOW_PID, range(60), 1, null, null);
        p.resize(3);
        assertEquals(3, p.getProcesses());
        List<Long> out = r.get(Duration.ofSeconds(60));
        assertAllOnce(out, 60);
        assertEquals(3, p.workerPids().size());
        assertEquals(3, pidsOf(out).size(), "the new workers ran tasks too: " + pidsOf(out));
        Observer o = new Observer();
        try {
            PoolSnapshot s = o.pools(SharedRuntime.get().sessionId()).orElseThrow().stream()
                    .filter(x -> x.name().equals(p.getName())).findFirst().orElseThrow();
            assertEquals(3, s.processes());
            assertEquals(3, s.workersStarted());
        } finally {
            o.close();
        }
    }

    @Test
    void shrinkRetiresWorkersWithoutLosingTasks() throws Exception {
        Pool p = pool(4);
        waitFor(() -> p.workerPids().size() == 4, "four workers");
        List<Long> before = p.workerPids();
        AsyncResult<List<Long>> r = p.mapAsync(SLOW_PID, range(80), 2, null, null);
        Thread.sleep(300); // every worker holds chunks now
        p.resize(2);
        assertEquals(2, p.getProcesses());
        List<Long> out = r.get(Duration.ofSeconds(60));
        assertAllOnce(out, 80);
        waitFor(() -> p.workerPids().size() == 2, "two workers left");
        List<Long> left = p.workerPids();
        for (long pid : before) {
            if (!left.contains(pid)) {
                waitFor(() -> !alive(pid), "retired worker " + pid + " to exit");
            }
        }
        assertTrue(before.containsAll(left), "no replacement was started: before=" + before + " left=" + left);
        assertEquals(List.of(0L, 1L, 4L), p.map((Integer x) -> (long) x * x, List.of(0, 1, 2)), "still works");
    }

    @Test
    void restartWorkersReplacesEachAfterItsChunk() throws Exception {
        Pool p = pool(2);
        waitFor(() -> p.workerPids().size() == 2, "two workers");
        List<Long> before = p.workerPids();
        AsyncResult<List<Long>> r = p.mapAsync(SLOW_PID, range(30), 1, null, null);
        Thread.sleep(200);
        p.restartWorkers();
        List<Long> out = r.get(Duration.ofSeconds(60));
        assertAllOnce(out, 30);
        for (long pid : before) {
            waitFor(() -> !alive(pid), "old worker " + pid + " to exit");
        }
        waitFor(() -> p.workerPids().size() == 2 && p.workerPids().stream().noneMatch(before::contains),
                "two new workers");
        List<Long> after = p.map(SLOW_PID, range(6), 1);
        assertAllOnce(after, 6);
        assertTrue(pidsOf(after).stream().noneMatch(before::contains), "tasks run by the new workers: " + after);
        assertEquals(2, p.getProcesses());
    }

    @Test
    void badSizesAndAClosedPoolAreRejected() throws Exception {
        Pool p = pool(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.resize(0));
        assertTrue(e.getMessage().startsWith("Number of processes must be at least 1"), e.getMessage());
        p.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> p.resize(2));
        assertTrue(closed.getMessage().startsWith("Pool not running"), closed.getMessage());
        assertThrows(IllegalStateException.class, p::restartWorkers);
        p.join();
        assertFalse(p.workerPids().stream().anyMatch(PoolResizeIT::alive));
    }
}
