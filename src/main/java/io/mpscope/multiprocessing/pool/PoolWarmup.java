package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.synchronize.Warmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms a standby JVM for pool work: a thread runs a worker's chunk loop ({@link PoolWorker.Loop}) on chunks framed as
 * {@link Pool} frames them, from a task ring into a result ring, while the calling thread plays the pool. A JVM handed
 * to a pool as a worker then starts with its per-chunk path compiled. Without this a fresh Pool(2)'s first maps of
 * 100,000 longs ran at 2-5 million tasks/s while the workers' JIT compiled, against 10-20 million once warm (measured:
 * 20-56 ms per map for the first five, 4-10 ms after).
 *
 * <p>Four task functions of different classes take turns, so the worker's call of the task function is compiled as a
 * call to any class: had it seen one class only, the user's function, a class of its own, would throw that compiled
 * code away at its first call. Chunks come in the shapes users send: one task of a long (chunksize 1, apply), runs of
 * a thousand longs or ints (a map's default chunksize), doubles, mixed values as records, and starmap pairs.
 *
 * <p>The rings are made on the warm-ups' runtime of no session ({@link Warmup#scratchRuntime()}): nothing is listed
 * in any session. Called on the standby JVM's warm-up thread; {@link #stop()} ends it early when work arrives.
 * Failures are ignored: it is an optimisation only.
 */
public final class PoolWarmup {
    /** Rounds of six bursts each (about 5,600 values a round). */
    private static final int ROUNDS = Integer.getInteger("mpscope.warmup.poolRounds", 40);
    /** Each ring's capacity: a burst stays well under it, so neither side ever waits for room. */
    private static final int RING_CAPACITY = 64 * 1024;
    private static final int RUN = 1024;
    private static volatile boolean stopped;
    private static volatile int lastAnswers;

    private PoolWarmup() {
    }

    /** Ends a warm-up in progress at its next burst. */
    public static void stop() {
        stopped = true;
    }

    /** Runs the warm-up in the calling thread; failures are ignored. */
    public static void run() {
        SharedRuntime rt = Warmup.scratchRuntime();
        if (ROUNDS <= 0 || stopped || rt == null) {
            return;
        }
        try {
            lastAnswers = exercise(rt, ROUNDS);
        } catch (Exception | LinkageError e) {
            // an optimisation only
        }
    }

    /** The chunks the last warm-up had answered (for tests: it ran). */
    static int lastAnswers() {
        return lastAnswers;
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
        Ring tasks = ring(rt, "pool warm-up tasks");
        Ring results = ring(rt, "pool warm-up results");
        PoolWorker.Loop loop = new PoolWorker.Loop(1, results);
        Exception[] failed = new Exception[1];
        Thread worker = new Thread(() -> {
            try {
                loop.serve(tasks, 0);
            } catch (Exception e) {
                failed[0] = e;
            }
        }, "mp-warmup-pool-worker");
        worker.setDaemon(true);
        worker.start();
        Object[] fns = {square(), identity(), negate(), text(), plus()};
        byte[][] encoded = new byte[fns.length][];
        for (int f = 0; f < fns.length; f++) {
            encoded[f] = PoolWorker.encodeFunction(fns[f], "pool warm-up function");
        }
        boolean[] defined = new boolean[fns.length];
        List<Long> longs = new ArrayList<>(RUN);
        List<Integer> ints = new ArrayList<>(RUN);
        List<Double> doubles = new ArrayList<>(RUN);
        List<Object> mixed = new ArrayList<>(RUN);
        List<Map.Entry<Integer, Integer>> pairs = new ArrayList<>(RUN);
        for (int i = 0; i < RUN; i++) {
            longs.add((long) i);
            ints.add(i);
            doubles.add(i + 0.5);
            mixed.add(i % 3 == 0 ? "s" + i : i % 3 == 1 ? (Object) i : (Object) (i + 0.25));
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
                frames.add(chunk(seq, k & 3, encoded, defined, 1, 16, items(longs, 0, 16)));
                frames.add(chunk(seq, 1 + (k % 3), encoded, defined, 1, 16, items(ints, 0, 16)));
                frames.add(chunk(seq, 2 + (k & 1), encoded, defined, 1, 16, items(doubles, 0, 16)));
                frames.add(chunk(seq, 1, encoded, defined, 1, 16, items(mixed, 0, 16)));
                frames.add(pairs(seq, encoded, defined, pairs, 16));
                answered += exchange(tasks, results, frames, failed);
            }
            for (int round = 0; round < rounds && !stopped; round++) {
                for (int burst = 0; burst < 6 && !stopped; burst++) {
                    List<byte[]> frames = new ArrayList<>();
                    if ((burst & 1) == 0) {
                        for (int k = 0; k < 16; k++) { // one task each, as chunksize 1 and apply send them
                            int f = k & 3;
                            frames.add(chunk(seq, f, encoded, defined, 1, 1, items(longs, k, k + 1)));
                        }
                    } else if (burst == 1) {
                        for (int k = 0; k < 3; k++) {
                            frames.add(chunk(seq, (round + k) & 3, encoded, defined, 1, RUN, items(longs, 0, RUN)));
                        }
                    } else if (burst == 3) {
                        for (int k = 0; k < 2; k++) {
                            int f = (round + k) % 3 == 0 ? 1 : (round + k) % 3 == 1 ? 2 : 3;
                            frames.add(chunk(seq, f, encoded, defined, 1, RUN, items(ints, 0, RUN)));
                        }
                    } else {
                        frames.add(chunk(seq, 2 + (round & 1), encoded, defined, 1, 256, items(doubles, 0, 256)));
                        frames.add(chunk(seq, 1, encoded, defined, 1, 128, items(mixed, 0, 128)));
                        frames.add(pairs(seq, encoded, defined, pairs, 64));
                    }
                    answered += exchange(tasks, results, frames, failed);
                }
            }
        } finally {
            tasks.put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), true, deadline());
            worker.join(5_000);
        }
        return answered;
    }

    /** Puts the frames into the task ring, then takes and decodes as many answers; returns their number. */
    private static int exchange(Ring tasks, Ring results, List<byte[]> frames, Exception[] failed) throws Exception {
        for (byte[] frame : frames) {
            tasks.put(new ItemCodec.Encoded(ItemCodec.BYTES, frame), true, deadline());
        }
        for (int k = 0; k < frames.size(); k++) {
            Ring.Raw answer = results.takeRaw(true, deadline(), null);
            if (answer == null) {
                throw new IllegalStateException("pool warm-up: no answer in time", failed[0]);
            }
            decode(answer.payload());
        }
        return frames.size();
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

    private static byte[] items(List<?> xs, int from, int to) {
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
