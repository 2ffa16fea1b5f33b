package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker SIGKILLed in the middle of a map, over and over, and a task that calls {@code System.exit(3)}: the call
 * fails fast with {@link WorkerLostException} (or completes, if the kill fell between tasks), never hangs, and the
 * pool replaces the worker and goes on. CPython hangs forever here (reference W16). Trials:
 * {@code -Dmpscope.stress.trials=N} (3 in CI, 50 under {@code -Pstress}).
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class PoolRobustnessIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    static final int TRIALS = Integer.getInteger("mpscope.stress.trials", 3);
    final Context ctx = Multiprocessing.getContext();
    final List<Pool> pools = new ArrayList<>();

    @AfterEach
    void stopPools() throws Exception {
        for (Pool p : pools) {
            p.terminate();
            p.join();
        }
    }

    private Pool pool(int n) {
        Pool p = ctx.pool(n);
        pools.add(p);
        return p;
    }

    private static void kill(long pid) throws Exception {
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroyForcibly();
        h.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWorkerKilledInTheMiddleOfAMapFailsItFastOrItCompletes() throws Exception {
        Pool p = pool(2);
        int lost = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Value done = ctx.intValue(0);
            int n = 200;
            AsyncResult<List<Integer>> r = p.mapAsync((Integer x) -> {
                Thread.sleep(3);
                done.getAndAddInt(1);
                return x * x;
            }, IntStream.range(0, n).boxed().toList(), 1, null, null);
            Poll.until(Duration.ofSeconds(60), () -> done.getInt() >= 20 || r.ready(), "20 tasks done");
            long victim = p.workerPids().get(trial % 2);
            kill(victim);
            long t0 = System.nanoTime();
            try {
                List<Integer> out = r.get(Duration.ofSeconds(60));
                assertEquals(IntStream.range(0, n).map(x -> x * x).boxed().toList(), out);
            } catch (WorkerLostException e) {
                lost++;
                assertEquals(-9, e.getExitCode(), e.getMessage());
                assertEquals(victim, e.getPid());
                assertTrue(e.getMessage().contains("exitcode=-SIGKILL"), e.getMessage());
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "failed fast");
            } catch (TimeoutException e) {
                fail("the map hung after a worker was killed: trial=" + trial);
            }
            // the pool goes on with a replacement
            assertEquals(List.of(0, 1, 4), p.map((Integer x) -> x * x, List.of(0, 1, 2), 1));
            Poll.until(Duration.ofSeconds(30), () -> p.workerPids().size() == 2
                    && !p.workerPids().contains(victim), "a replacement for the killed worker");
        }
        assertTrue(lost > 0 || TRIALS < 3, "a kill during 3 ms tasks almost always lands in a task: lost=" + lost);
    }

    @Test
    void aWorkerKilledDuringAnImapCostsAtMostTheChunkItHeld() throws Exception {
        Pool p = pool(2);
        for (int trial = 0; trial < TRIALS; trial++) {
            Value done = ctx.intValue(0);
            int n = 150;
            IMapIterator<Integer> it = p.imap((Integer x) -> {
                Thread.sleep(3);
                done.getAndAddInt(1);
                return x + 1000;
            }, IntStream.range(0, n).boxed().toList());
            Poll.until(Duration.ofSeconds(60), () -> done.getInt() >= 20, "20 tasks done");
            kill(p.workerPids().get(0));
            int failures = 0;
            for (int i = 0; i < n; i++) {
                try {
                    assertEquals(i + 1000, it.next(Duration.ofSeconds(60)));
                } catch (WorkerLostException e) {
                    failures++;
                } catch (TimeoutException e) {
                    fail("imap hung after a worker was killed: trial=" + trial + " position=" + i);
                }
            }
            assertFalse(it.hasNext());
            assertTrue(failures <= 1, "only the chunk being run is lost: failures=" + failures);
        }
    }

    @Test
    void systemExitInsideATaskOfAMapFailsTheMapAndThePoolGoesOn() throws Exception {
        Pool p = pool(2);
        long t0 = System.nanoTime();
        WorkerLostException e = org.junit.jupiter.api.Assertions.assertThrows(WorkerLostException.class,
                () -> p.map((Integer x) -> {
                    if (x == 25) {
                        System.exit(3);
                    }
                    return x;
                }, IntStream.range(0, 50).boxed().toList(), 1));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30));
        assertEquals(3, e.getExitCode());
        assertEquals(IntStream.range(0, 50).boxed().toList(),
                p.map((Integer x) -> x, IntStream.range(0, 50).boxed().toList(), 1));
    }
}
