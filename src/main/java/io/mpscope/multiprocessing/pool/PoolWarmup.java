package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.shm.LockLayout;
import io.mpscope.multiprocessing.shm.QueueLayout;
import io.mpscope.multiprocessing.spawn.CompilerQuiet;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.synchronize.Warmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms a standby JVM for pool work: two threads run a worker's chunk loop ({@link PoolWorker.Loop}) on chunks framed
 * as {@link Pool} frames them, each from a task ring of its own into one result ring, while the calling thread plays
 * the pool. A JVM handed to a pool as a worker then starts with its per-chunk path compiled. Without this a fresh
 * Pool(2)'s first maps of 100,000 longs ran at 2-5 million tasks/s while the workers' JIT compiled, against 10-20
 * million once warm (measured: 20-56 ms per map for the first five, 4-10 ms after).
 *
 * <p>Four task functions of different classes take turns, so the worker's call of the task function is compiled as a
 * call to any class: had it seen one class only, the user's function, a class of its own, would throw that compiled
 * code away at its first call. Chunks come in the shapes users send: one task of a long (chunksize 1, apply), runs of
 * a thousand longs or ints (a map's default chunksize), doubles, mixed values as records, and starmap pairs.
 *
 * <p>The rare paths come too, early, so the JIT sees them taken before it compiles: answers that wait for the result
 * ring's lock, workers idle for longer than a wait slice, function definitions and evictions, a loop that ends at
 * STOP ({@link #waitPaths}). Last come one-task chunks until the compiler threads are idle, as a map of chunksize 1
 * calls the chunk loop once a task ({@link #oneTaskChunksUntilCompiled}).
 *
 * <p>The rings are made on the warm-ups' runtime of no session ({@link Warmup#scratchRuntime()}): nothing is listed
 * in any session. Called on the standby JVM's warm-up thread; {@link #stop()} ends it early when work arrives.
 * Failures are ignored: it is an optimisation only.
 */
public final class PoolWarmup {
    /** Rounds of six bursts each (about 5,600 values a round). */
    private static final int ROUNDS = Integer.getInteger("mpscope.warmup.poolRounds", 40);
    /** Runs of {@link #RUN} values through the batch codec alone, after the rounds (see {@link #drill}). */
    private static final int DRILL_RUNS = Integer.getInteger("mpscope.warmup.poolDrillRuns", 250);
    /** Each ring's capacity: a burst stays well under it, so neither side ever waits for room. */
    private static final int RING_CAPACITY = 64 * 1024;
    private static final int RUN = 1024;
    /**
     * The drill's batches: smaller than a chunk's ({@link Frames#BATCH}), so the batch methods are called often enough
     * for the JIT's second tier at a quarter of the values (what counts is how often a method is called).
     */
    private static final int DRILL_BATCH = 16;
    private static volatile boolean stopped;
    private static volatile int lastAnswers;
    private static volatile long lastPutWaits;
    private static volatile int lastOneTaskSlices;
    /** A function id that no warm-up worker knows: a chunk may tell a worker to forget it. */
    private static final long UNKNOWN_FUNCTION = 1_000;
    /** How long the workers idle in {@link #waitPaths}: more than a ring's wait slice (50 ms). */
    private static final long IDLE_MILLIS = 60;
    /** Bursts of 32 one-task chunks in a slice of {@link #oneTaskChunksUntilCompiled} (512 chunks a worker). */
    private static final int ONE_TASK_BURSTS = 32;
    private static final int MIN_ONE_TASK_SLICES = 6;
    private static final int MAX_ONE_TASK_SLICES = 24;

    private PoolWarmup() {
    }

    /** Ends a warm-up in progress at its next burst. */
    public static void stop() {
        stopped = true;
    }

    /**
     * Warms the pool's own side of the batch codec ({@link #drill}) on a daemon thread {@code mp-pool-warmup}, once
     * per JVM, when the first pool is made: the process that maps encodes the arguments and decodes the results, and
     * its JIT compiled that in the first maps of 100,000 longs (a fresh benchmark JVM: 59, 35, 20 ms for its first
     * three maps, 18, 12, 8 ms once its codec was compiled). A standby JVM's warm-up has done it already.
     */
    static void warmCallerInBackground() {
        if (DRILL_RUNS <= 0 || !callerWarmed.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                drillUntilCompiled();
            } catch (java.io.IOException | RuntimeException e) {
                // an optimisation only
            }
        }, "mp-pool-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean callerWarmed =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Runs the warm-up in the calling thread; failures are ignored. */
    public static void run() {
        callerWarmed.set(true);
        SharedRuntime rt = Warmup.scratchRuntime();
        if (ROUNDS <= 0 || stopped || rt == null) {
            return;
        }
        try {
            lastAnswers = exercise(rt, ROUNDS);
            drillUntilCompiled();
        } catch (Exception | LinkageError e) {
            // an optimisation only
        }
    }

    /** The chunks the last warm-up had answered (for tests: it ran). */
    static int lastAnswers() {
        return lastAnswers;
    }

    /** The slices of one-task chunks the last exercise ran (see {@link #oneTaskChunksUntilCompiled}; for tests). */
    static int lastOneTaskSlices() {
        return lastOneTaskSlices;
    }

    /** How often the last exercise's workers slept waiting for the result ring's put lock (for tests). */
    static long lastPutWaits() {
        return lastPutWaits;
    }

    private static TaskFunction<Long, Long> square() {
        return x -> x * x;
    }

    private static TaskFunction<Object, Object> identity() {
        return x -> x;
    }

    private static TaskFunction<Number, Number> negate() {
        return x -> x instanceof Long l ? (Number) (-l) : x instanceof Integer i ? (Number) (-i)
                : (Number) (-x.doubleValue());
    }

    private static TaskFunction<Number, String> text() {
        return String::valueOf;
    }

    private static TaskBiFunction<Integer, Integer, Integer> plus() {
        return (a, b) -> a + b;
    }

    /**
     * The exercise (package-private for its test): {@code rounds} rounds of bursts of chunks put into the task ring,
     * each burst's answers taken and decoded before the next burst goes. Returns the number of chunks answered.
     */
    static int exercise(SharedRuntime rt, int rounds) throws Exception {
        // Two workers, as in a Pool(2): their answers meet in one result ring, so the ring's put lock is contended
        // and its wait paths are taken. With one worker they never were, and a worker of a real pool threw its
        // compiled Ring.put, Ring.awaitMove and lock release away 2-5 times each in its first maps of one-task chunks
        // (compile log), its C2 thread busy 20-60 ms of each.
        Ring[] tasks = {ring(rt, "pool warm-up tasks 1"), ring(rt, "pool warm-up tasks 2")};
        Ring results = ring(rt, "pool warm-up results");
        Ring ends = ring(rt, "pool warm-up stops");
        Exception[] failed = new Exception[1];
        Thread[] workers = new Thread[tasks.length];
        for (int w = 0; w < tasks.length; w++) {
            PoolWorker.Loop loop = new PoolWorker.Loop(w + 1, results);
            Ring mine = tasks[w];
            workers[w] = new Thread(() -> {
                try {
                    loop.serve(mine, 0);
                } catch (Exception e) {
                    failed[0] = e;
                }
            }, "mp-warmup-pool-worker");
            workers[w].setDaemon(true);
            workers[w].start();
        }
        Object[] fns = {square(), identity(), negate(), text(), plus()};
        byte[][] encoded = new byte[fns.length][];
        for (int f = 0; f < fns.length; f++) {
            encoded[f] = PoolWorker.encodeFunction(fns[f], "pool warm-up function");
        }
        // per worker: the functions it has been sent (a frame goes to worker (its index in the burst) % 2)
        boolean[][] defined = new boolean[tasks.length][fns.length];
        Samples v = new Samples();
        Object[] longs = v.longs;
        Object[] ints = v.ints;
        Object[] doubles = v.doubles;
        Object[] mixed = v.mixed;
        List<Map.Entry<Integer, Integer>> pairs = new ArrayList<>(RUN);
        for (int i = 0; i < RUN; i++) {
            pairs.add(Map.entry(i, -i));
        }
        long[] seq = {0};
        int answered = 0;
        try {
            // First a few chunks of every shape, so each branch of the batch code has been taken before the JIT's
            // second tier compiles it: a branch never seen taken is compiled as a trap, and taking it later throws
            // the compiled code away. (Loop-predicate traps remain: one standby JVM still compiled Out.putBatch four
            // times, each time inside this warm-up, before READY.)
            for (int k = 0; k < 4 && !stopped; k++) {
                List<byte[]> frames = new ArrayList<>();
                frames.add(chunk(seq, k & 3, encoded, to(defined, frames), 1, 16, items(longs, 0, 16)));
                frames.add(chunk(seq, 1 + (k % 3), encoded, to(defined, frames), 1, 16, items(ints, 0, 16)));
                frames.add(chunk(seq, 2 + (k & 1), encoded, to(defined, frames), 1, 16, items(doubles, 0, 16)));
                frames.add(chunk(seq, 1, encoded, to(defined, frames), 1, 16, items(mixed, 0, 16)));
                frames.add(pairs(seq, encoded, to(defined, frames), pairs, 16));
                answered += exchange(tasks, results, frames, failed);
            }
            answered += waitPaths(tasks, results, ends, seq, encoded, defined, longs, failed);
            for (int round = 0; round < rounds && !stopped; round++) {
                if (round == rounds / 2) {
                    answered += waitPaths(tasks, results, ends, seq, encoded, defined, longs, failed);
                }
                for (int burst = 0; burst < 6 && !stopped; burst++) {
                    List<byte[]> frames = new ArrayList<>();
                    if ((burst & 1) == 0) {
                        frames = oneTaskChunks(seq, encoded, defined, longs, 16);
                    } else if (burst == 1) {
                        for (int k = 0; k < 3; k++) {
                            int f = (round + k) & 3;
                            frames.add(chunk(seq, f, encoded, to(defined, frames), 1, RUN, items(longs, 0, RUN)));
                        }
                    } else if (burst == 3) {
                        for (int k = 0; k < 2; k++) {
                            int f = (round + k) % 3 == 0 ? 1 : (round + k) % 3 == 1 ? 2 : 3;
                            frames.add(chunk(seq, f, encoded, to(defined, frames), 1, RUN, items(ints, 0, RUN)));
                        }
                    } else {
                        int f = 2 + (round & 1);
                        frames.add(chunk(seq, f, encoded, to(defined, frames), 1, 256, items(doubles, 0, 256)));
                        frames.add(chunk(seq, 1, encoded, to(defined, frames), 1, 128, items(mixed, 0, 128)));
                        frames.add(pairs(seq, encoded, to(defined, frames), pairs, 64));
                    }
                    answered += exchange(tasks, results, frames, failed);
                }
            }
            answered += oneTaskChunksUntilCompiled(tasks, results, seq, encoded, defined, longs, failed);
            lastPutWaits = results.r.getLongAcquire(results.base + QueueLayout.PUT_LOCK_OFFSET
                    + LockLayout.CONTENDED_OFFSET);
        } finally {
            for (int w = 0; w < tasks.length; w++) {
                tasks[w].put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), true, deadline());
            }
            for (Thread worker : workers) {
                worker.join(5_000);
            }
        }
        return answered;
    }

    /**
     * Runs the batch codec alone, {@code runs} times over {@link #RUN} values, in the four directions a chunk takes
     * (the pool encodes the arguments, the worker decodes them and encodes the results, the pool decodes those), mostly
     * longs, with the other packings in between. The ring rounds call each direction's batch methods a few thousand
     * times, short of the JIT's second tier: a worker handed a map of 100,000 longs then compiled {@code In.batch} and
     * {@code Out.batch} again in its first maps (10-16 ms of its C2 thread in each of the first five maps, measured
     * with {@code perf sched}). Returns the values that came back as they went (for the test).
     */
    static long drill(int runs) throws java.io.IOException {
        Samples v = new Samples();
        Object[] values = new Object[RUN];
        long decoded = 0;
        for (int r = 0; r < runs && !stopped; r++) {
            Object[] src = r % 8 == 5 ? v.ints : r % 8 == 6 ? v.doubles : r % 16 == 7 ? v.mixed : v.longs;
            // the arguments: encoded by the pool (once a run as a whole chunk, as values() does), decoded by a worker
            Frames.Out args = new Frames.Out(8 * RUN + 64);
            if (r % 4 == 0) {
                args.values(src, 0, RUN, "warm-up");
            } else {
                for (int i = 0; i < RUN; i += DRILL_BATCH) {
                    args.batch(src, i, i + DRILL_BATCH, "warm-up");
                }
            }
            Frames.In in = new Frames.In(args.toArray());
            int step = r % 4 == 0 ? Frames.BATCH : DRILL_BATCH;
            for (int i = 0; i < RUN; i += step) {
                in.batch(values, i, i + step);
            }
            // the results: encoded by the worker, decoded by the pool
            Frames.Out results = new Frames.Out(8 * RUN + 64);
            for (int i = 0; i < RUN; i += step) {
                results.batch(values, i, i + step, "warm-up");
            }
            Frames.In back = new Frames.In(results.toArray());
            for (int i = 0; i < RUN; i += step) {
                back.batch(values, i, i + step);
            }
            decoded += values[RUN - 1].equals(src[RUN - 1]) ? RUN : 0;
        }
        return decoded;
    }

    /** The values the exercise and the drill send: {@link #RUN} each of longs, ints, doubles and mixed records. */
    private static final class Samples {
        final Object[] longs = new Object[RUN];
        final Object[] ints = new Object[RUN];
        final Object[] doubles = new Object[RUN];
        final Object[] mixed = new Object[RUN];

        Samples() {
            for (int i = 0; i < RUN; i++) {
                longs[i] = (long) i;
                ints[i] = i;
                doubles[i] = i + 0.5;
                mixed[i] = i % 3 == 0 ? "s" + i : i % 3 == 1 ? (Object) i : (Object) (i + 0.25);
            }
        }
    }

    /** Runs of a drill slice (see {@link #drillUntilCompiled}): a few milliseconds. */
    private static final int DRILL_SLICE = 25;

    /**
     * {@link #drill} for {@link #DRILL_RUNS} runs, then slice by slice until a slice passes with the JIT's compiler
     * threads (nearly) idle, at most eight times as long. Stopping at a fixed count left the batch methods at the
     * first tier in a benchmark's JVM: their second-tier compiles were still queued behind others when the drill
     * ended, and the JIT drops a queued compile of a method no longer called (the compile log showed them compiled
     * only in the first maps, 40 s later). Returns the values decoded.
     */
    static long drillUntilCompiled() throws java.io.IOException {
        long decoded = drill(DRILL_RUNS);
        for (int k = 0; k < 8 * DRILL_RUNS / DRILL_SLICE && !stopped; k++) {
            long before = CompilerQuiet.compilerNanos();
            decoded += drill(DRILL_SLICE);
            long after = CompilerQuiet.compilerNanos();
            if (before < 0 || after < 0 || after - before < CompilerQuiet.BUSY_NANOS) {
                break;
            }
        }
        return decoded;
    }

    /** The functions the worker the next frame of {@code frames} goes to has been sent (see {@link #exchange}). */
    private static boolean[] to(boolean[][] defined, List<byte[]> frames) {
        return defined[frames.size() % defined.length];
    }

    /** Puts frame i into task ring i % 2, then takes and decodes as many answers; returns their number. */
    private static int exchange(Ring[] tasks, Ring results, List<byte[]> frames, Exception[] failed)
            throws Exception {
        for (int i = 0; i < frames.size(); i++) {
            tasks[i % tasks.length].put(new ItemCodec.Encoded(ItemCodec.BYTES, frames.get(i)), true, deadline());
        }
        return takeAnswers(results, frames.size(), failed);
    }

    private static int takeAnswers(Ring results, int count, Exception[] failed) throws Exception {
        for (int k = 0; k < count; k++) {
            Ring.Raw answer = results.takeRaw(true, deadline(), null);
            if (answer == null) {
                throw new IllegalStateException("pool warm-up: no answer in time", failed[0]);
            }
            decode(answer.payload());
        }
        return count;
    }

    /**
     * The waits a real pool's workers meet and bursts do not. First both answer while the result ring's put lock is
     * held (here by the calling thread, 3 ms), so each waits for the lock, sleeps on it and is woken by the release,
     * as two workers answering at once do. Then both idle 60 ms for their next chunk, longer than a wait slice, as
     * between two maps. A branch the JIT never saw taken is compiled as a trap, and the first time a real pool took
     * one of these, the worker threw its compiled lock, ring put and take and chunk loop away and compiled them again
     * inside the user's map (seen in the JIT's deoptimization events: {@code AbstractLock.fastAcquire} and
     * {@code releaseOwner} in the first maps of 100,000, then 110-220 ms compiles of {@code Ring.put},
     * {@code Ring.takeRaw} and {@code Loop.runChunk} in the first map of one-task chunks).
     */
    private static int waitPaths(Ring[] tasks, Ring results, Ring ends, long[] seq, byte[][] encoded,
                                 boolean[][] defined, Object[] longs, Exception[] failed) throws Exception {
        int answered = 0;
        forgetDefinitions(defined);
        for (int k = 0; k < 3 && !stopped; k++) {
            List<byte[]> frames = oneTaskChunks(seq, encoded, defined, longs, 8);
            results.whilePutLocked(() -> {
                for (int i = 0; i < frames.size(); i++) {
                    tasks[i % tasks.length].put(new ItemCodec.Encoded(ItemCodec.BYTES, frames.get(i)), true,
                            deadline());
                }
                Thread.sleep(3);
            });
            answered += takeAnswers(results, frames.size(), failed);
        }
        if (!stopped) {
            Thread.sleep(IDLE_MILLIS);
        }
        if (!stopped) {
            List<byte[]> frames = oneTaskChunks(seq, encoded, defined, longs, 8);
            // one chunk that makes its worker forget a function, as a pool that sends more than its workers keep does
            frames.set(0, Frames.chunk(++seq[0], UNKNOWN_FUNCTION, 0, null, 1, 1, items(longs, 0, 1)));
            answered += exchange(tasks, results, frames, failed);
            // and a chunk loop that ends at STOP, here in the calling thread: the STOP branch, first taken at the end
            // of the warm-up, threw the workers' compiled chunk loop away there, and a pool's first map of one-task
            // chunks compiled it again (119-138 ms of a compiler thread per worker)
            ends.put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), true, deadline());
            if (new PoolWorker.Loop(tasks.length + 1, results).serve(ends, 0) != -1) {
                throw new IllegalStateException("pool warm-up: the chunk loop did not end at STOP");
            }
        }
        return answered;
    }

    /**
     * Bursts of one-task chunks, slice by slice, at least {@link #MIN_ONE_TASK_SLICES} and then until a slice passes
     * with the JIT's compiler threads (nearly) idle. A map of one-task chunks calls the worker's chunk loop once a
     * task, and the rounds call it about a thousand times per worker, short of the JIT's second tier: a real pool's
     * workers compiled {@code Loop.runChunk} in their first map of 10,000 one-task chunks (87-217 ms of a compiler
     * thread, measured with the JIT's compilation events), on a machine whose two CPUs the map needs.
     */
    private static int oneTaskChunksUntilCompiled(Ring[] tasks, Ring results, long[] seq, byte[][] encoded,
                                                  boolean[][] defined, Object[] longs, Exception[] failed)
            throws Exception {
        int answered = 0;
        int slices = 0;
        while (slices < MAX_ONE_TASK_SLICES && !stopped) {
            long before = CompilerQuiet.compilerNanos();
            forgetDefinitions(defined);
            for (int b = 0; b < ONE_TASK_BURSTS && !stopped; b++) {
                answered += exchange(tasks, results, oneTaskChunks(seq, encoded, defined, longs, 32), failed);
            }
            long after = CompilerQuiet.compilerNanos();
            slices++;
            if (slices >= MIN_ONE_TASK_SLICES
                    && (before < 0 || after < 0 || after - before < CompilerQuiet.BUSY_NANOS)) {
                break;
            }
        }
        lastOneTaskSlices = slices;
        return answered;
    }

    /**
     * Makes the next chunk of each function carry its definition again, as a pool's first chunk of a new function
     * does. Sent only at first, definitions came before the JIT profiled the chunk loop, which it then compiled with
     * a trap for them: the first map of a real pool, whose function is new to the worker, threw that compiled code
     * away (an uncommon trap at {@code runChunk}'s {@code defLength >= 0}, in the JIT's compilation log).
     */
    private static void forgetDefinitions(boolean[][] defined) {
        for (boolean[] d : defined) {
            java.util.Arrays.fill(d, false);
        }
    }

    /** {@code n} chunks of one long each, the functions taking turns, as chunksize 1 and apply send them. */
    private static List<byte[]> oneTaskChunks(long[] seq, byte[][] encoded, boolean[][] defined, Object[] longs,
                                              int n) {
        List<byte[]> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = i % longs.length;
            frames.add(chunk(seq, i & 3, encoded, to(defined, frames), 1, 1, items(longs, at, at + 1)));
        }
        return frames;
    }

    /** A starmap chunk of the first {@code count} pairs (function 4, of two arguments). */
    private static byte[] pairs(long[] seq, byte[][] encoded, boolean[] defined,
                                List<Map.Entry<Integer, Integer>> pairs, int count) {
        Frames.Out o = new Frames.Out(16 * count).u8(Frames.PACK_RECORDS);
        for (Map.Entry<Integer, Integer> e : pairs.subList(0, count)) {
            o.item(e.getKey(), "warm-up").item(e.getValue(), "warm-up");
        }
        return chunk(seq, 4, encoded, defined, 2, count, o.toArray());
    }

    private static Ring ring(SharedRuntime rt, String name) {
        SharedRuntime.Created c = rt.create(PrimitiveKind.QUEUE, Ring.blockLength(RING_CAPACITY), name, -1, 0, 0,
                b -> Ring.init(b.region(), b.offset(), RING_CAPACITY, 0, 0));
        return new Ring(rt, c.region(), c.base(), c.index()).spinBeforeSleeping(PoolWorker.SPIN_NANOS); // as a pool's
    }

    private static byte[] items(Object[] xs, int from, int to) {
        return new Frames.Out(8 * (to - from) + 1).values(xs, from, to, "warm-up").toArray();
    }

    /** A CHUNK of function {@code f}, defining it the first time, as {@link Pool} frames one for a worker. */
    private static byte[] chunk(long[] seq, int f, byte[][] encoded, boolean[] defined, int arity, int count,
                                byte[] items) {
        byte[] frame = Frames.chunk(++seq[0], null, f, defined[f] ? null : encoded[f], arity, count, items);
        defined[f] = true;
        return frame;
    }

    /** Reads an answer as the pool's result handler does; a failed chunk ends the warm-up. */
    private static void decode(byte[] payload) throws Exception {
        Frames.In in = new Frames.In(payload);
        int type = in.u8();
        if (type != Frames.OK) {
            throw new IllegalStateException("pool warm-up: a chunk failed: type=" + type);
        }
        in.i32();
        in.i64();
        int n = in.i32();
        in.i64();
        if (in.values(n).size() != n) {
            throw new IllegalStateException("pool warm-up: short answer");
        }
    }

    private static long deadline() {
        return System.nanoTime() + 5_000_000_000L;
    }
}
