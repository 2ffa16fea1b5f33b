package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.process.ProcessTarget;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.serialization.LambdaCodec;
import io.mpscope.multiprocessing.serialization.ObjectSerializer;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.SerializedLambda;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop a pool worker runs in its own JVM: the initializer, then chunks from its own ring until STOP (or
 * {@code maxtasksperchild} chunks), each answered on the pool's result ring, in order. Also the encoding of task
 * functions, shared with {@link Pool}. Python: {@code multiprocessing.pool.worker}.
 */
final class PoolWorker {
    private PoolWorker() {
    }

    /**
     * The target of a worker Process. The lambda lives in this small class so that a worker JVM rebuilds it without
     * loading (and verifying) {@link Pool}.
     */
    static ProcessTarget target(int taskIndex, int resultIndex, int workerId, int maxTasks, byte[] initializer) {
        return () -> run(taskIndex, resultIndex, workerId, maxTasks, initializer);
    }

    /**
     * Maps the pages of a pool's rings into this process on a daemon thread {@code mp-pool-prefault}
     * ({@link Ring#prefault}), in the {@code SCHED_IDLE} class: the pool does it for its result ring and every task
     * ring at its first answer, each worker for its own two after its first chunk. Measured on a fresh Pool(2):
     * without it, the first map of 100,000 longs spent 8.6 ms in the pool's result handler and 4.2-4.4 ms in each
     * worker, against 3.0 and 1.4 ms once the rings had been used; with it, 6.0 and 1.6-2.4 ms. Not at once: here a
     * page's first touch stalls the virtual CPU itself, whatever the thread's class, and prefaulting as the pool
     * started slowed its first result (create to first result: 21-23 ms before, 25-30 ms with it at once).
     */
    static void prefaultInBackground(List<Ring> rings) {
        Thread t = new Thread(() -> {
            io.mpscope.multiprocessing.shm.CpuHop.runOnlyWhenIdle(); // not before the workers' start-up
            for (Ring ring : rings) {
                ring.prefault();
            }
        }, "mp-pool-prefault");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The worker's body (called by the worker Process's target).
     *
     * @param taskIndex   directory index of this worker's task ring
     * @param resultIndex directory index of the pool's result ring
     * @param workerId    the id the pool knows this worker by
     * @param maxTasks    chunks to run before exiting (0: until STOP)
     * @param initializer an encoded {@link ProcessTarget}, or null
     */
    static void run(int taskIndex, int resultIndex, int workerId, int maxTasks, byte[] initializer) throws Exception {
        SharedRuntime rt = SharedRuntime.get();
        Ring tasks = ring(rt, taskIndex);
        Ring results = ring(rt, resultIndex);
        if (initializer != null) {
            try {
                ((ProcessTarget) decodeFunction(initializer)).run();
            } catch (Throwable t) {
                Frames.Out out = new Frames.Out(256).u8(Frames.INIT_FAILED).i32(workerId);
                error(out, t);
                send(results, out);
                if (t instanceof Exception e) {
                    throw e; // exit code 1 and the trace on stderr, as CPython's worker dies
                }
                throw (Error) t;
            }
        }
        send(results, new Frames.Out(32).u8(Frames.READY).i32(workerId).i64(ProcessRuntime.pid()));
        Loop loop = new Loop(workerId, results);
        if (loop.serve(tasks, 1) == 1 && maxTasks != 1) {
            prefaultInBackground(List.of(tasks, results));
            loop.serve(tasks, maxTasks == 0 ? 0 : maxTasks - 1);
        }
    }

    /**
     * What a worker keeps between chunks (the task functions it knows) and its chunk loop. One chunk is one call of
     * {@link #runChunk}, a method of its own: the JIT compiles it after a few hundred chunks, where one loop over all
     * chunks would be compiled only by on-stack replacement. A standby JVM runs this same loop in its warm-up
     * ({@link PoolWarmup}).
     */
    static final class Loop {
        private final int workerId;
        private final Ring results;
        private final Map<Long, Object> functions = new HashMap<>();
        private final Frames.Out out = new Frames.Out(256);
        private final Object[] argBatch = new Object[Frames.BATCH];
        private final Object[] resultBatch = new Object[Frames.BATCH];

        Loop(int workerId, Ring results) {
            this.workerId = workerId;
            this.results = results;
        }

        /**
         * Runs chunks from {@code tasks} until STOP, or until {@code maxTasks} chunks have run (0: no limit).
         *
         * @return the chunks run, or -1 if it ended at STOP
         */
        int serve(Ring tasks, int maxTasks) throws InterruptedException, IOException {
            int completed = 0;
            while (maxTasks == 0 || completed < maxTasks) {
                if (!runChunk(tasks.takeRaw(true, Long.MAX_VALUE, null).payload())) {
                    return -1; // STOP
                }
                completed++;
            }
            return completed;
        }

        /**
         * Runs one CHUNK frame and sends its OK or ERROR answer; false for STOP. A chunk of one argument per task is
         * run a batch at a time (decode, apply, encode): the worker holds one batch of boxed arguments and results,
         * not a whole chunk's. With a whole chunk of 12,500 boxed longs alive, each young collection of a worker's
         * small heap moved them to the old generation, which then filled: full collections of 13-19 ms inside maps
         * of 100,000 tasks.
         */
        boolean runChunk(byte[] payload) throws InterruptedException, IOException {
            Frames.In in = new Frames.In(payload);
            if (in.u8() != Frames.CHUNK) {
                return false;
            }
            long seq = in.i64();
            int forget = in.i32();
            for (int i = 0; i < forget; i++) {
                functions.remove(in.i64());
            }
            long fnId = in.i64();
            int defLength = in.i32();
            long began = System.nanoTime();
            Frames.Out o = out.reset(KEEP_BUFFER);
            try {
                Object fn;
                if (defLength >= 0) {
                    fn = decodeFunction(in.bytes(defLength));
                    functions.put(fnId, fn);
                } else {
                    fn = functions.get(fnId);
                    if (fn == null) {
                        throw new IllegalStateException("pool worker does not know the task function: id=" + fnId);
                    }
                }
                int arity = in.u8();
                int count = in.i32();
                o.u8(Frames.OK).i32(workerId).i64(seq).i32(count);
                int busyAt = o.length();
                o.i64(0);
                if (arity == 2) {
                    if (in.u8() != Frames.PACK_RECORDS) {
                        throw new IOException("malformed pool message: starmap arguments must be records");
                    }
                    Object[] answers = new Object[count];
                    for (int index = 0; index < count; index++) {
                        Object a = in.item();
                        Object b = in.item();
                        answers[index] = call2(fn, a, b);
                    }
                    o.values(answers, 0, count, RESULT);
                } else {
                    for (int index = 0; index < count; index += Frames.BATCH) {
                        int n = Math.min(Frames.BATCH, count - index);
                        in.batch(argBatch, 0, n);
                        applyBatch(fn, argBatch, resultBatch, n);
                        o.batch(resultBatch, 0, n, RESULT);
                    }
                }
                o.i64At(busyAt, System.nanoTime() - began);
            } catch (Throwable t) {
                o = out.reset(KEEP_BUFFER).u8(Frames.ERROR).i32(workerId).i64(seq);
                error(o, t);
            }
            Arrays.fill(argBatch, null);
            Arrays.fill(resultBatch, null);
            send(results, o);
            return true;
        }
    }

    private static final String RESULT = "result of a pool task";
    /** A worker keeps its frame buffer between chunks unless a chunk made it larger than this. */
    private static final int KEEP_BUFFER = 1 << 20;

    /** Applies {@code fn} to {@code args[0..n)} into {@code answers[0..n)} (a batch: see {@link Frames#BATCH}). */
    private static void applyBatch(Object fn, Object[] args, Object[] answers, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            answers[i] = call1(fn, args[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object call1(Object fn, Object arg) throws Exception {
        return ((TaskFunction<Object, Object>) fn).apply(arg);
    }

    @SuppressWarnings("unchecked")
    private static Object call2(Object fn, Object a, Object b) throws Exception {
        return ((TaskBiFunction<Object, Object, Object>) fn).apply(a, b);
    }

    private static void send(Ring results, Frames.Out out) throws InterruptedException {
        results.put(new ItemCodec.Encoded(ItemCodec.BYTES, out.toArray()), true, Long.MAX_VALUE);
    }

    /** Appends an exception: type, message, printed trace, and the exception serialized if it can be. */
    static void error(Frames.Out out, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        byte[] ser;
        try {
            ser = ObjectSerializer.serialize(t, "exception of a pool task");
        } catch (RuntimeException e) {
            ser = new byte[0]; // the parent shows the trace text instead
        }
        out.str(t.getClass().getName()).str(t.getMessage()).str(trace.toString()).i32(ser.length).bytes(ser);
    }

    /**
     * How long a wait on the pool's rings looks before it sleeps (see {@link Ring#spinBeforeSleeping}): 50 us of
     * spinning, then yielding, up to 100 us. It was 0 since an early build, in which spinning on a loaded machine held
     * the CPU the next thread of a round trip needed; the yielding look and the wake-CPU hop came later. Measured in
     * 4 alternating runs of the pool benchmark, 0 against 100 us: apply round trip 40-55 us against 11-14 us,
     * imap_unordered of one-task chunks 92-120k against 193-248k tasks/s, map of one-task chunks 57-86k against
     * 47-114k (noisy); with two CPU hogs running beside it: 139 us against 13 us, 125k against 175k, 22k against 70k.
     */
    static final long SPIN_NANOS = Long.getLong("mpscope.pool.spinNanos", 100_000);

    static Ring ring(SharedRuntime rt, int index) {
        SharedRuntime.Entry e = rt.entry(index);
        return new Ring(rt, e.region(), e.base(), index).spinBeforeSleeping(SPIN_NANOS);
    }

    /**
     * Encodes a task function or initializer: the compact lambda form when its captured values are plain data
     * (decoded without ObjectInputStream), else Java serialization.
     *
     * @throws io.mpscope.multiprocessing.SerializationException naming the class and field path that cannot travel
     */
    static byte[] encodeFunction(Object fn, String what) {
        SerializedLambda sl = LambdaCodec.describe(fn);
        if (sl != null) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeByte(1);
                LambdaCodec.write(out, sl);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                // a captured value the compact form cannot hold: Java serialization below
            }
        }
        byte[] ser = ObjectSerializer.serialize(fn, what);
        byte[] out = new byte[ser.length + 1];
        System.arraycopy(ser, 0, out, 1, ser.length);
        return out;
    }

    static Object decodeFunction(byte[] b) throws IOException, ClassNotFoundException {
        if (b.length > 0 && b[0] == 1) {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            return LambdaCodec.read(new DataInputStream(new ByteArrayInputStream(b, 1, b.length - 1)),
                    cl != null ? cl : PoolWorker.class.getClassLoader());
        }
        return ObjectSerializer.deserialize(new ByteArrayInputStream(b, 1, b.length - 1));
    }
}
