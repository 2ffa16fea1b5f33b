package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The observe API shows a pool's workers, counts and call progress, read from shared memory only. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolObserveIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();

    private static PoolSnapshot find(Observer o, String name) {
        return o.pools(SharedRuntime.get().sessionId()).orElseThrow().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no pool named " + name));
    }

    @Test
    void showsWorkersCountsAndTheProgressOfAMap() throws Exception {
        Pool pool = ctx.pool(PoolOptions.defaults().withProcesses(2).withName("squares"));
        try (Observer o = new Observer()) {
            AsyncResult<List<Integer>> r = pool.mapAsync((Integer x) -> {
                Thread.sleep(20);
                return x * x;
            }, IntStream.range(0, 100).boxed().toList(), 1, null, null);
            Poll.until(Duration.ofSeconds(60), () -> {
                PoolSnapshot s = find(o, "squares");
                return !s.calls().isEmpty() && s.calls().get(0).done() >= 10
                        && s.workers().stream().anyMatch(w -> w.state() == PoolSnapshot.WorkerState.BUSY);
            }, "the map half done");
            PoolSnapshot s = find(o, "squares");
            assertEquals(PoolSnapshot.State.RUNNING, s.state());
            assertEquals(2, s.processes());
            assertEquals(ProcessHandle.current().pid(), s.ownerPid());
            assertEquals(100, s.tasksSubmitted());
            if (s.consistent()) {
                assertEquals(s.tasksSubmitted(), s.tasksQueued() + s.tasksRunning() + s.tasksDone(), s.toString());
            }
            assertEquals(2, s.workers().size(), s.workers().toString());
            assertEquals(new HashSet<>(pool.workerPids()),
                    new HashSet<>(s.workers().stream().map(PoolSnapshot.Worker::pid).toList()));
            for (PoolSnapshot.Worker w : s.workers()) {
                assertTrue(w.name().matches("ForkPoolWorker-\\d+"), w.name());
            }
            PoolSnapshot.Call call = s.calls().get(0);
            assertEquals(PoolSnapshot.CallKind.MAP, call.kind());
            assertEquals(PoolSnapshot.CallState.RUNNING, call.state());
            assertEquals(100, call.total());
            assertEquals(1, call.chunksize());
            assertTrue(call.progress() > 0 && call.progress() < 1, "progress=" + call.progress());
            PoolSnapshot.Worker busy = s.workers().stream().filter(w -> w.state() == PoolSnapshot.WorkerState.BUSY)
                    .findFirst().orElseThrow();
            assertEquals(call.id(), busy.currentCall().orElseThrow());
            assertTrue(busy.busySince().isPresent());

            r.get();
            PoolSnapshot after = find(o, "squares");
            PoolSnapshot.Call c = after.calls().get(0);
            assertEquals(PoolSnapshot.CallState.DONE, c.state());
            assertEquals(100, c.done());
            assertEquals(1.0, c.progress());
            assertEquals(100, after.tasksDone());
            assertEquals(100, after.workers().stream().mapToLong(PoolSnapshot.Worker::tasksDone).sum());
            assertTrue(c.ended().isPresent());

            // a lost worker shows as LOST with its signal, and the failed task is counted
            long victim = pool.workerPids().get(0);
            io.mpscope.multiprocessing.sharedctypes.Value begun = ctx.intValue(0);
            AsyncResult<Integer> doomed = pool.applyAsync((Integer x) -> {
                if (io.mpscope.multiprocessing.process.ProcessRuntime.pid() == x) {
                    begun.setInt(1);
                    Thread.sleep(60_000);
                }
                return x;
            }, (int) victim);
            Poll.until(Duration.ofSeconds(30), () -> begun.getInt() == 1 || doomed.ready(), "the task on the victim");
            if (!doomed.ready()) {
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                Poll.until(Duration.ofSeconds(30), doomed::ready, "the task failed");
                PoolSnapshot lost = find(o, "squares");
                assertEquals(1, lost.workersLost());
                assertEquals(1, lost.tasksFailed());
                PoolSnapshot.Worker dead = lost.workers().stream().filter(w -> w.pid() == victim).findFirst()
                        .orElseThrow();
                assertEquals(PoolSnapshot.WorkerState.LOST, dead.state());
                assertEquals(-9, dead.exitCode().orElseThrow());
                assertEquals(PoolSnapshot.CallState.FAILED, lost.calls().get(lost.calls().size() - 1).state());
            }

            pool.close();
            pool.join();
            PoolSnapshot joined = find(o, "squares");
            assertEquals(PoolSnapshot.State.JOINED, joined.state());
            assertTrue(joined.workers().stream().allMatch(w -> w.state() == PoolSnapshot.WorkerState.EXITED
                    || w.state() == PoolSnapshot.WorkerState.LOST), joined.workers().toString());
            // the pool's block is not a card among the primitives
            assertTrue(o.primitives(SharedRuntime.get().sessionId()).orElseThrow().primitives().stream()
                    .noneMatch(p -> p.kind() == PrimitiveKind.POOL));
        } finally {
            pool.terminate();
            pool.join();
        }
    }
}
