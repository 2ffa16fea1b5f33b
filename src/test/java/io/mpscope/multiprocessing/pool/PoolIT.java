package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.ProcessException;
import io.mpscope.multiprocessing.RemoteProcessException;
import io.mpscope.multiprocessing.SerializationException;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.queues.Queue;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pool's contract with real worker JVMs: CPython's behaviour (reference §2.10, W1-W15, W18, W22) and ours where
 * it does better (errors instead of hangs).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();
    final List<Pool> pools = new ArrayList<>();

    Pool pool(PoolOptions options) {
        Pool p = ctx.pool(options);
        pools.add(p);
        return p;
    }

    Pool pool(int n) {
        return pool(PoolOptions.defaults().withProcesses(n));
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

    static void assertNoneAlive(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker still alive: " + pid);
        }
    }

    @Test
    void mapKeepsInputOrderWhenLaterItemsFinishFirst() throws Exception {
        Pool p = pool(3);
        List<Integer> out = p.map(x -> {
            Thread.sleep(50L * (5 - x));
            return x * 10;
        }, range(5));
        assertEquals(List.of(0, 10, 20, 30, 40), out);
    }

    @Test
    void imapIsOrderedAndImapUnorderedIsComplete() throws Exception {
        Pool p = pool(2);
        List<Integer> ordered = new ArrayList<>();
        for (int v : p.imap((Integer x) -> {
            Thread.sleep(x % 3 == 0 ? 30 : 0);
            return x * x;
        }, range(20))) {
            ordered.add(v);
        }
        assertEquals(range(20).stream().map(x -> x * x).toList(), ordered);
        List<Integer> unordered = new ArrayList<>();
        p.imapUnordered((Integer x) -> x + 1, range(50), 7).forEachRemaining(unordered::add);
        assertEquals(50, unordered.size());
        assertEquals(IntStream.rangeClosed(1, 50).boxed().collect(Collectors.toSet()), new HashSet<>(unordered));
    }

    @Test
    void starmapUnpacksPairsAndApplyReturnsTheValue() throws Exception {
        Pool p = pool(2);
        assertEquals(List.of(3, 7), p.starmap((Integer a, Integer b) -> a + b, List.of(Map.entry(1, 2),
                Map.entry(3, 4))));
        assertEquals(5, p.apply((Integer x) -> x + 3, 2));
        assertEquals("abc!", p.apply((String s) -> s + "!", "abc"));
    }

    @Test
    void mapHonoursChunksizeAndAnEmptyInput() throws Exception {
        Pool p = pool(2);
        assertEquals(range(100).stream().map(x -> -x).toList(), p.map((Integer x) -> -x, range(100), 7));
        assertEquals(List.of(), p.map((Integer x) -> x, List.of()));
        assertThrows(IllegalArgumentException.class, () -> p.map((Integer x) -> x, range(3), 0));
        assertEquals(range(1000), p.map((Integer x) -> x, range(1000))); // default chunksize: 1000 / 8 = 125
    }

    @Test
    void asyncResultReadySuccessfulAndTimeouts() throws Exception {
        Pool p = pool(1);
        AsyncResult<Integer> r = p.applyAsync((Integer x) -> x * x, 7);
        assertEquals(49, r.get(Duration.ofSeconds(30)));
        assertTrue(r.ready());
        assertTrue(r.successful());
        AsyncResult<Integer> slow = p.applyAsync((Integer x) -> {
            Thread.sleep(1500);
            return x;
        }, 1);
        IllegalStateException notReady = assertThrows(IllegalStateException.class, slow::successful);
        assertTrue(notReady.getMessage().endsWith("not ready"), notReady.getMessage());
        assertThrows(TimeoutException.class, () -> slow.get(Duration.ofMillis(100)));
        assertFalse(slow.await(Duration.ofMillis(100)));
        assertFalse(slow.ready());
        assertEquals(1, slow.get());
    }

    @Test
    void aTaskThatRaisesFailsTheMapWithTheWorkersTrace() throws Exception {
        Pool p = pool(2);
        RemoteProcessException e = assertThrows(RemoteProcessException.class, () -> p.map((Integer x) -> {
            if (x == 3) {
                throw new IllegalArgumentException("bad input 3");
            }
            return x;
        }, range(6)));
        assertEquals(IllegalArgumentException.class.getName(), e.getRemoteType());
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("bad input 3", cause.getMessage());
        assertTrue(e.getMessage().contains("bad input 3") && e.getMessage().contains("worker=ForkPoolWorker-"),
                e.getMessage());
        // the cause carries the worker's frames: the task lambda ran under the worker loop
        assertTrue(List.of(cause.getStackTrace()).stream().anyMatch(f -> f.getClassName().equals(
                PoolWorker.class.getName())), List.of(cause.getStackTrace()).toString());
        assertTrue(e.getRemoteTrace().contains("bad input 3") && e.getRemoteTrace().contains("PoolWorker.run"),
                e.getRemoteTrace());
        assertEquals(List.of(0, 1), p.map((Integer x) -> x, range(2)), "the pool goes on");
    }

    @Test
    void applyAsyncThatRaisesIsReadyAndNotSuccessful() throws Exception {
        Pool p = pool(1);
        AsyncResult<Integer> r = p.applyAsync((Integer x) -> {
            throw new ArithmeticException("bad input " + x);
        }, 3);
        assertTrue(r.await(Duration.ofSeconds(30)));
        assertTrue(r.ready());
        assertFalse(r.successful());
        RemoteProcessException e = assertThrows(RemoteProcessException.class, r::get);
        assertEquals("bad input 3", e.getCause().getMessage());
    }

    @Test
    void imapYieldsUpToTheFailureRaisesItThenGoesOn() throws Exception {
        Pool p = pool(2);
        IMapIterator<Integer> it = p.imap((Integer x) -> {
            if (x == 3) {
                throw new IllegalArgumentException("bad input 3");
            }
            return x;
        }, range(5));
        assertEquals(0, it.next());
        assertEquals(1, it.next());
        assertEquals(2, it.next());
        RemoteProcessException e = assertThrows(RemoteProcessException.class, it::next);
        assertEquals("bad input 3", e.getCause().getMessage());
        assertEquals(4, it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void imapNextWithATimeoutTimesOut() throws Exception {
        Pool p = pool(1);
        IMapIterator<Integer> it = p.imap((Integer x) -> {
            Thread.sleep(1000);
            return x;
        }, range(1));
        assertThrows(TimeoutException.class, () -> it.next(Duration.ofMillis(50)));
        assertEquals(0, it.next(Duration.ofSeconds(30)));
    }

    @Test
    void callbacksGetTheWholeListOnceOrTheError() throws Exception {
        Pool p = pool(2);
        List<List<Integer>> got = new CopyOnWriteArrayList<>();
        List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        List<String> threads = new CopyOnWriteArrayList<>();
        AsyncResult<List<Integer>> r = p.mapAsync((Integer x) -> x * x, range(4), 0, v -> {
            got.add(v);
            threads.add(Thread.currentThread().getName());
            both.countDown();
        }, null);
        AsyncResult<Integer> bad = p.applyAsync((Integer x) -> {
            throw new IllegalArgumentException("bad input " + x);
        }, 3, v -> got.add(List.of(-1)), e -> {
            errors.add(e);
            both.countDown();
        });
        assertTrue(both.await(30, TimeUnit.SECONDS));
        assertEquals(List.of(List.of(0, 1, 4, 9)), got);
        assertEquals(List.of(0, 1, 4, 9), r.get());
        assertEquals(1, errors.size());
        assertEquals("bad input 3", errors.get(0).getCause().getMessage());
        assertTrue(bad.ready() && !bad.successful());
        assertTrue(threads.get(0).startsWith("mp-pool-result-handler"), threads.toString());
    }

    @Test
    void initializerRunsOnceInEachWorker() throws Exception {
        Queue<String> started = ctx.queue();
        Pool p = pool(PoolOptions.defaults().withProcesses(2).withInitializer(() -> started.put(
                Multiprocessing.currentProcess().getName() + " tag T")));
        List<String> names = p.map((Integer x) -> Multiprocessing.currentProcess().getName(), range(40), 1);
        p.close();
        p.join();
        List<String> inits = new ArrayList<>();
        while (!started.empty()) {
            inits.add(started.get(Duration.ofSeconds(5)));
        }
        assertEquals(2, inits.size(), inits.toString());
        Set<String> workers = new HashSet<>(names);
        assertEquals(workers.stream().map(n -> n + " tag T").collect(Collectors.toSet()), new HashSet<>(inits));
        for (String n : workers) {
            assertTrue(n.matches("ForkPoolWorker-\\d+"), n);
        }
    }

    @Test
    void workerNamesFollowTheProcessCounterAndTheStartMethod() throws Exception {
        Pool a = pool(2);
        Set<String> first = new HashSet<>(a.map((Integer x) -> {
            Thread.sleep(20);
            return Multiprocessing.currentProcess().getName();
        }, range(8), 1));
        Pool b = pool(2);
        Set<String> second = new HashSet<>(b.map((Integer x) -> {
            Thread.sleep(20);
            return Multiprocessing.currentProcess().getName();
        }, range(8), 1));
        List<Integer> numbers = new ArrayList<>();
        for (String n : first) {
            numbers.add(Integer.parseInt(n.substring("ForkPoolWorker-".length())));
        }
        int max = numbers.stream().max(Integer::compare).orElseThrow();
        for (String n : second) {
            assertTrue(Integer.parseInt(n.substring("ForkPoolWorker-".length())) > max, first + " then " + second);
        }
        Pool s = new Pool(PoolOptions.defaults().withProcesses(1), StartMethod.SPAWN);
        pools.add(s);
        assertTrue(s.apply((Integer x) -> Multiprocessing.currentProcess().getName(), 0)
                .matches("SpawnPoolWorker-\\d+"));
    }

    @Test
    void errorsOfStateAreCPythons() throws Exception {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> ctx.pool(0));
        assertTrue(zero.getMessage().startsWith("Number of processes must be at least 1"), zero.getMessage());
        Pool p = pool(1);
        IllegalStateException running = assertThrows(IllegalStateException.class, p::join);
        assertTrue(running.getMessage().startsWith("Pool is still running"), running.getMessage());
        p.close();
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                () -> p.applyAsync((Integer x) -> x, 1), () -> p.map((Integer x) -> x, range(2)),
                () -> p.imap((Integer x) -> x, range(2)))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().startsWith("Pool not running"), e.getMessage());
        }
        p.join();
    }

    @Test
    void maxtasksperchildReplacesWorkers() throws Exception {
        Pool p = pool(PoolOptions.defaults().withProcesses(2).withMaxTasksPerChild(1));
        List<Long> pids = p.map((Integer x) -> io.mpscope.multiprocessing.process.ProcessRuntime.pid(), range(6), 1);
        List<String> names = p.map((Integer x) -> Multiprocessing.currentProcess().getName(), range(6), 1);
        assertEquals(6, new HashSet<>(pids).size(), pids.toString());
        assertEquals(6, new HashSet<>(names).size(), names.toString());
        p.close();
        p.join();
        assertNoneAlive(pids);
    }

    @Test
    void anUnserializableResultIsAnErrorNotAHang() throws Exception {
        Pool p = pool(1);
        RemoteProcessException e = assertThrows(RemoteProcessException.class,
                () -> p.apply((Integer x) -> new Object(), 1));
        assertEquals(SerializationException.class.getName(), e.getRemoteType());
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertEquals(2, p.apply((Integer x) -> x + 1, 1), "the worker goes on");
    }

    @Test
    void anUnserializableArgumentOrFunctionFailsInTheCaller() throws Exception {
        Pool p = pool(1);
        SerializationException arg = assertThrows(SerializationException.class,
                () -> p.map((Object x) -> x, List.of(new Object())));
        assertTrue(arg.getMessage().contains("java.lang.Object"), arg.getMessage());
        Thread t = new Thread(() -> { });
        SerializationException fn = assertThrows(SerializationException.class,
                () -> p.apply((Integer x) -> t.getName(), 1));
        assertTrue(fn.getMessage().contains("java.lang.Thread"), fn.getMessage());
        assertEquals(List.of(1), p.map((Integer x) -> x, List.of(1)));
    }

    @Test
    void terminateWhileBusyFailsPendingResultsAndStopsTheWorkers() throws Exception {
        Pool p = pool(2);
        List<Long> pids = p.map((Integer x) -> io.mpscope.multiprocessing.process.ProcessRuntime.pid(), range(2), 1);
        AsyncResult<Integer> busy = p.applyAsync((Integer x) -> {
            Thread.sleep(60_000);
            return x;
        }, 1);
        IMapIterator<Integer> it = p.imap((Integer x) -> {
            Thread.sleep(60_000);
            return x;
        }, range(3));
        long t0 = System.nanoTime();
        p.terminate();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "terminate does not wait for tasks");
        assertTrue(busy.ready());
        ProcessException e = assertThrows(ProcessException.class, busy::get);
        assertTrue(e.getMessage().startsWith("pool was terminated"), e.getMessage());
        assertThrows(ProcessException.class, it::next);
        p.join();
        assertNoneAlive(p.workerPids());
        assertNoneAlive(pids);
    }

    @Test
    void tryWithResourcesClosesThePoolAndPendingWorkFinishes() throws Exception {
        AsyncResult<Integer> r;
        Pool kept;
        try (Pool p = ctx.pool(2)) {
            kept = p;
            r = p.applyAsync((Integer x) -> {
                Thread.sleep(300);
                return x * 2;
            }, 21);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.applyAsync((Integer x) -> x,
                1));
        assertTrue(e.getMessage().startsWith("Pool not running"), e.getMessage());
        assertEquals(42, r.get(Duration.ofSeconds(30)));
        kept.join();
        assertNoneAlive(kept.workerPids());
    }

    @Test
    void closeThenJoinWaitsForTheWorkAndTheWorkers() throws Exception {
        Pool p = pool(2);
        AsyncResult<List<Integer>> r = p.mapAsync((Integer x) -> {
            Thread.sleep(10);
            return x;
        }, range(40));
        List<Long> pids = new ArrayList<>(p.workerPids());
        p.close();
        p.join();
        assertTrue(r.ready());
        assertEquals(range(40), r.get());
        assertNoneAlive(pids);
    }

    @Test
    void aTaskCallingSystemExitFailsWithWorkerLostAndThePoolGoesOn() throws Exception {
        Pool p = pool(2);
        WorkerLostException e = assertThrows(WorkerLostException.class, () -> p.apply((Integer x) -> {
            System.exit(3);
            return x;
        }, 1));
        assertEquals(3, e.getExitCode());
        assertTrue(e.getWorkerName().startsWith("ForkPoolWorker-"), e.getWorkerName());
        assertTrue(e.getMessage().contains("exitcode=3"), e.getMessage());
        assertEquals(range(20), p.map((Integer x) -> x, range(20), 1));
        assertEquals(2, p.workerPids().size());
    }

    @Test
    void aWorkerKilledWhileIdleLosesNothing() throws Exception {
        Pool p = pool(2);
        p.map((Integer x) -> x, range(4), 1);
        long victim = p.workerPids().get(0);
        ProcessHandle h = ProcessHandle.of(victim).orElseThrow();
        h.destroyForcibly();
        h.onExit().get(10, TimeUnit.SECONDS);
        assertEquals(range(30), p.map((Integer x) -> x, range(30), 1));
        io.mpscope.multiprocessing.testsupport.Poll.until(Duration.ofSeconds(30),
                () -> p.workerPids().size() == 2 && !p.workerPids().contains(victim), "a replacement worker");
        assertNotEquals(victim, p.workerPids().get(0));
    }
}
