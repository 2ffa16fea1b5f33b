package io.mpscope.multiprocessing.pool;

import static io.mpscope.multiprocessing.shm.PoolLayout.*;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.ProcessException;
import io.mpscope.multiprocessing.RemoteProcessException;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.serialization.ObjectSerializer;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.QueueLayout;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import io.mpscope.multiprocessing.util.MpLogger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A pool of worker processes (child JVMs) that run tasks: {@code map}, {@code imap}, {@code imapUnordered},
 * {@code starmap}, {@code apply} and their asynchronous forms, with CPython's semantics: results of {@code map} and
 * {@code imap} in input order, the default chunksize of {@code map} ({@code ceil(n / (4 * processes))}), an
 * initializer run once in each worker, workers replaced after {@code maxtasksperchild} tasks, callbacks run in the
 * pool's result-handler thread, {@code close()} then {@code join()}. Workers are named as CPython names them, from the
 * same counter as processes: {@code ForkPoolWorker-N} under {@link StartMethod#STANDBY} (the default, which plays
 * fork's part: pre-started JVMs, ready in milliseconds, as PyMOTW's output shows) and {@code SpawnPoolWorker-N} under
 * {@link StartMethod#SPAWN}. They are daemon processes.
 *
 * <pre>{@code
 * try (Pool pool = ctx.pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));   // [1, 4, 9]
 * }
 * }</pre>
 *
 * <p>Better than CPython:
 * <ul>
 *   <li>A worker that dies (killed, {@code System.exit}, a crash) while it holds a task fails that task at once with
 *       a {@link WorkerLostException} naming the worker and its exit code; the pool starts a replacement and goes on.
 *       A {@code map} or {@code mapAsync} with a lost task fails as a whole (as with any failed task, no partial
 *       result); its tasks not yet started are dropped. An {@code imap} yields the exception at the lost chunk's place
 *       and goes on. Tasks the dead worker had been sent but had not begun are given to other workers. CPython hangs
 *       forever here.</li>
 *   <li>Arguments and the function are serialized in the caller: one that cannot travel fails there
 *       ({@link io.mpscope.multiprocessing.SerializationException}, naming the class and field path). A result that
 *       cannot be serialized, or an exception, fails its task with a {@link RemoteProcessException}: never a hang.</li>
 *   <li>{@link #terminate()} fails the results that will not come with a {@link ProcessException} (CPython leaves them
 *       pending forever).</li>
 *   <li>The pool publishes its workers, counts and calls for the observer ({@code Observer.pools}).</li>
 * </ul>
 *
 * <p>Deviations: {@link #close()} is CPython's {@code close()} (no more tasks; workers exit once the work is done) and,
 * being {@link AutoCloseable#close()}, what try-with-resources calls at the end of the block; CPython's {@code with}
 * block terminates instead, discarding pending work silently (call {@link #terminate()} for that). The input of
 * {@code imap} is read and serialized in the calling thread, not lazily by a task-handler thread.
 *
 * <p>How it works: each worker has its own ring in shared memory for its tasks, and the pool sends a worker at most a
 * few chunks ahead, so it knows exactly which chunks a worker holds; results come back on one ring read by a
 * result-handler thread, which also runs callbacks and sends more work. The end of a worker's process is posted to
 * the same ring, after anything the worker sent: the chunks still unanswered when it is read are the lost ones.
 *
 * <p>Only the process that made the pool may use it; its methods may be called from any thread of that process.
 * Python: {@code multiprocessing.pool.Pool}.
 */
public final class Pool implements AutoCloseable {
    private static final MpLogger LOG = MpLogger.get();
    /** Chunks a worker may hold (sent, unanswered) while it holds more than this many tasks. */
    private static final int MAX_OUTSTANDING_TASKS = 64;
    private static final int MAX_OUTSTANDING_CHUNKS = 32;
    /** A chunk that took its worker less than this lets the worker take several at once. */
    private static final long FAST_CHUNK_NANOS = 2_000_000L;
    /** Task functions a worker keeps; the pool tells it which to drop. */
    private static final int KNOWN_FUNCTIONS = 64;
    private static final long LIVENESS_CHECK_NANOS = 200_000_000L;

    private final String name;
    private int processes;
    private final int maxTasks;
    private final byte[] initializer;
    private final StartMethod method;
    private final String workerPrefix;
    private final long ownerPid;
    private final SharedRuntime rt;
    private final Ring results;
    private final int resultsIndex;
    private Slot[] slots;
    private final MappedRegion block;
    private final int base;
    private final int workerRows;
    private final Thread handler;

    private final Object lock = new Object();
    // --- guarded by lock ---
    private int state = RUN;
    private boolean ringsPrefaulted;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final Map<Integer, Worker> workers = new HashMap<>();
    private final List<Worker> everyWorker = new ArrayList<>();
    private final Set<Job> active = new LinkedHashSet<>();
    private final Worker[] rows;
    private int nextWorkerId = 1;
    private long nextCallId = 1;
    private long nextFnId = 1;
    private Object lastFunction;
    private Fn lastFn;
    private RuntimeException broken;
    private int seq;
    private long tasksSubmitted;
    private long tasksQueued;
    private long tasksRunning;
    private long tasksDone;
    private long tasksFailed;
    private int workersStarted;
    private int workersLost;

    /** A pool of {@code cpuCount()} workers. Python: {@code Pool()}. */
    public Pool() {
        this(PoolOptions.defaults());
    }

    /** A pool of {@code processes} workers. Python: {@code Pool(processes)}. */
    public Pool(int processes) {
        this(PoolOptions.defaults().withProcesses(processes));
    }

    /** A pool as {@code options} say, with the default start method. */
    public Pool(PoolOptions options) {
        this(options, null);
    }

    /**
     * A pool as {@code options} say, whose workers start with {@code method} (null: the default). Returns once the
     * workers are launched, without waiting for them to be ready: tasks wait in their rings meanwhile.
     *
     * @throws io.mpscope.multiprocessing.SerializationException if the initializer cannot be serialized
     * @throws IllegalStateException in a daemon process ("daemonic processes are not allowed to have children")
     * Python: {@code ctx.Pool(processes, initializer, initargs, maxtasksperchild)}.
     */
    public Pool(PoolOptions options, StartMethod method) {
        this.processes = options.processes() == 0 ? Multiprocessing.cpuCount() : options.processes();
        this.maxTasks = options.maxTasksPerChild();
        this.initializer = options.initializer() == null ? null
                : PoolWorker.encodeFunction(options.initializer(), "pool initializer");
        this.method = method;
        StartMethod effective = method != null ? method : ProcessRuntime.defaultStartMethod();
        this.workerPrefix = effective == StartMethod.SPAWN ? "SpawnPoolWorker" : "ForkPoolWorker";
        if (ProcessRuntime.current().isDaemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children: parent="
                    + ProcessRuntime.current().getName());
        }
        PoolWarmup.warmCallerInBackground();
        this.ownerPid = ProcessRuntime.pid();
        this.rt = SharedRuntime.get();
        this.workerRows = workerRows(processes);
        this.rows = new Worker[workerRows];
        SharedRuntime.Created c = rt.create(PrimitiveKind.POOL, length(workerRows), options.name(), -1, 0,
                processes, b -> {
                    MappedRegion r = b.region();
                    int at = b.offset();
                    r.setIntPlain(at + PROCESSES_OFFSET, processes);
                    r.setIntPlain(at + MAXTASKS_OFFSET, maxTasks);
                    r.setLongPlain(at + OWNER_PID_OFFSET, ProcessRuntime.pid());
                    r.setLongPlain(at + CREATED_MILLIS_OFFSET, System.currentTimeMillis());
                    r.setIntPlain(at + CALL_ROWS_OFFSET, CALL_ROWS);
                    r.setIntRelease(at + WORKER_ROWS_OFFSET, workerRows);
                });
        this.block = c.region();
        this.base = c.base();
        this.name = rt.name(c.index());
        this.resultsIndex = ring(name + " results");
        this.results = PoolWorker.ring(rt, resultsIndex);
        this.slots = new Slot[processes];
        for (int i = 0; i < processes; i++) {
            int index = ring(name + " tasks " + (i + 1));
            slots[i] = new Slot(i, PoolWorker.ring(rt, index), index);
        }
        synchronized (lock) {
            beginWrite();
            try {
                for (Slot s : slots) {
                    startWorker(s);
                }
            } catch (RuntimeException e) {
                terminateLocked();
                throw e;
            } finally {
                endWrite();
            }
        }
        this.handler = new Thread(this::handleResults, "mp-pool-result-handler-" + name);
        handler.setDaemon(true);
        handler.start();
    }

    private int ring(String ringName) {
        int capacity = QueueLayout.DEFAULT_CAPACITY;
        return rt.create(PrimitiveKind.QUEUE, Ring.blockLength(capacity), ringName, -1, 0, 0,
                b -> Ring.init(b.region(), b.offset(), capacity, 0, 0)).index();
    }

    /** The pool's name, as observers show it ({@code Pool-N} unless named in {@link PoolOptions}). */
    public String getName() {
        return name;
    }

    /** The number of workers. Python: {@code pool._processes}. */
    public int getProcesses() {
        return processes;
    }

    /** The pids of the current workers (a moment's figure: workers are replaced). */
    public List<Long> workerPids() {
        synchronized (lock) {
            List<Long> out = new ArrayList<>();
            for (Slot s : slots) {
                if (s.worker != null && s.worker.process.getPid().isPresent()) {
                    out.add(s.worker.process.getPid().getAsLong());
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------------ the API

    /**
     * Applies {@code fn} to {@code arg} in a worker and waits for the result.
     *
     * @throws RemoteProcessException if it raised (its cause: the worker's exception, with the worker's stack trace)
     * @throws WorkerLostException    if the worker died while running it
     * @throws IllegalStateException  "Pool not running" after close() or terminate()
     * Python: {@code pool.apply(func, (arg,))}.
     */
    public <T, R> R apply(TaskFunction<T, R> fn, T arg) throws InterruptedException {
        return applyAsync(fn, arg).get();
    }

    /** Applies {@code fn} to {@code arg} in a worker; returns at once. Python: {@code pool.apply_async(func, (arg,))}. */
    public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> fn, T arg) {
        return applyAsync(fn, arg, null, null);
    }

    /**
     * As {@link #applyAsync(TaskFunction, Object)}; {@code callback} gets the result, or {@code errorCallback} the
     * exception, in the pool's result-handler thread (keep them short: they hold up other results).
     *
     * <p>Python: {@code pool.apply_async(func, args, callback=..., error_callback=...)}.
     */
    public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> fn, T arg, Consumer<? super R> callback,
                                            Consumer<? super RuntimeException> errorCallback) {
        Fn f = function(fn);
        byte[] item = new Frames.Out(16).u8(Frames.PACK_RECORDS).item(arg, ARG).toArray();
        AsyncResult<R> result = new AsyncResult<>(callback, errorCallback);
        submit(new ApplyJob<>(result), f, 1, List.of(item), new int[] {1}, C_APPLY, 1);
        return result;
    }

    /**
     * Applies {@code fn} to each item in workers, chunk by chunk, and waits for all results, in input order.
     * The chunksize is CPython's default: {@code ceil(n / (4 * processes))}.
     *
     * @throws RemoteProcessException for the first task that raised (no partial result)
     * @throws WorkerLostException    if a worker died while it held a chunk of this call
     * Python: {@code pool.map(func, iterable)}.
     */
    public <T, R> List<R> map(TaskFunction<T, R> fn, Iterable<? extends T> items) throws InterruptedException {
        return mapAsync(fn, items, 0, null, null).get();
    }

    /** As {@link #map(TaskFunction, Iterable)} with {@code chunksize} tasks per chunk. Python: {@code map(f, it, n)}. */
    public <T, R> List<R> map(TaskFunction<T, R> fn, Iterable<? extends T> items, int chunksize)
            throws InterruptedException {
        checkChunksize(chunksize);
        return mapAsync(fn, items, chunksize, null, null).get();
    }

    /** As {@link #map(TaskFunction, Iterable)}, returning at once. Python: {@code pool.map_async(func, iterable)}. */
    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> fn, Iterable<? extends T> items) {
        return mapAsync(fn, items, 0, null, null);
    }

    /**
     * As {@link #map(TaskFunction, Iterable, int)}, returning at once; {@code chunksize} 0 means the default;
     * {@code callback} gets the whole list once, {@code errorCallback} the first failure.
     *
     * <p>Python: {@code pool.map_async(func, iterable, chunksize, callback, error_callback)}.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> fn, Iterable<? extends T> items, int chunksize,
                                                Consumer<? super List<R>> callback,
                                                Consumer<? super RuntimeException> errorCallback) {
        if (chunksize < 0) {
            checkChunksize(chunksize);
        }
        Fn f = function(fn);
        AsyncResult<List<R>> result = new AsyncResult<>(callback, errorCallback);
        submitMap(result, f, 1, array(items), chunksize, C_MAP);
        return result;
    }

    /**
     * Applies {@code fn} to each pair, unpacked into its two arguments, and waits for all results in input order.
     * Python: {@code pool.starmap(func, [(a, b), ...])}.
     */
    public <A, B, R> List<R> starmap(TaskBiFunction<A, B, R> fn, Iterable<? extends Map.Entry<? extends A,
            ? extends B>> pairs) throws InterruptedException {
        return starmapAsync(fn, pairs, 0, null, null).get();
    }

    /** As {@link #starmap}, with a chunksize, returning at once. Python: {@code pool.starmap_async(...)}. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(TaskBiFunction<A, B, R> fn,
                                                       Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
                                                       int chunksize, Consumer<? super List<R>> callback,
                                                       Consumer<? super RuntimeException> errorCallback) {
        if (chunksize < 0) {
            checkChunksize(chunksize);
        }
        Fn f = function(fn);
        AsyncResult<List<R>> result = new AsyncResult<>(callback, errorCallback);
        submitMap(result, f, 2, array(pairs), chunksize, C_STARMAP);
        return result;
    }

    /**
     * Applies {@code fn} to each item; the results come lazily, in input order, one chunk at a time as they arrive.
     * Chunksize 1. Python: {@code pool.imap(func, iterable)}.
     */
    public <T, R> IMapIterator<R> imap(TaskFunction<T, R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1);
    }

    /** As {@link #imap(TaskFunction, Iterable)} with {@code chunksize}. Python: {@code pool.imap(f, it, chunksize)}. */
    public <T, R> IMapIterator<R> imap(TaskFunction<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return imapCall(fn, items, chunksize, true);
    }

    /** As {@link #imap(TaskFunction, Iterable)}, in completion order. Python: {@code pool.imap_unordered(f, it)}. */
    public <T, R> IMapIterator<R> imapUnordered(TaskFunction<T, R> fn, Iterable<? extends T> items) {
        return imapUnordered(fn, items, 1);
    }

    /** As {@link #imapUnordered(TaskFunction, Iterable)} with {@code chunksize}. */
    public <T, R> IMapIterator<R> imapUnordered(TaskFunction<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return imapCall(fn, items, chunksize, false);
    }

    private <T, R> IMapIterator<R> imapCall(TaskFunction<T, R> fn, Iterable<? extends T> items, int chunksize,
                                           boolean ordered) {
        checkChunksize(chunksize);
        Fn f = function(fn);
        Object[] all = array(items);
        int chunks = (all.length + chunksize - 1) / chunksize;
        IMapIterator<R> it = new IMapIterator<>(ordered, chunks);
        List<byte[]> chunkBytes = new ArrayList<>(chunks);
        int[] counts = new int[chunks];
        encodeChunks(all, 1, chunksize, chunkBytes, counts);
        submit(new IMapJob(it), f, 1, chunkBytes, counts, ordered ? C_IMAP : C_IMAP_UNORDERED, chunksize);
        return it;
    }

    private static void checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
    }

    private <R> void submitMap(AsyncResult<List<R>> result, Fn f, int arity, Object[] items, int chunksize,
                               int kind) {
        int n = items.length;
        if (chunksize == 0) {
            chunksize = n / (processes * 4) + (n % (processes * 4) != 0 ? 1 : 0);
        }
        if (n == 0) {
            synchronized (lock) {
                checkRunning();
            }
            result.complete(List.of());
            return;
        }
        int chunks = (n + chunksize - 1) / chunksize;
        List<byte[]> chunkBytes = new ArrayList<>(chunks);
        int[] counts = new int[chunks];
        encodeChunks(items, arity, chunksize, chunkBytes, counts);
        submit(new MapJob<>(result, n), f, arity, chunkBytes, counts, kind, chunksize);
    }

    private static final String ARG = "argument of a pool task";

    /** The caller's items as an array (one copy), which the batch codec takes (see {@code Frames.Out#values}). */
    private static Object[] array(Iterable<?> items) {
        if (items instanceof java.util.Collection<?> c) {
            return c.toArray();
        }
        List<Object> out = new ArrayList<>();
        for (Object x : items) {
            out.add(x);
        }
        return out.toArray();
    }

    /**
     * Serializes the arguments, chunk by chunk, in the calling thread: one that cannot travel fails here and nothing
     * is submitted. Starmap pairs ({@code arity} 2) are written as their two arguments.
     */
    private static void encodeChunks(Object[] items, int arity, int chunksize, List<byte[]> chunkBytes, int[] counts) {
        int c = 0;
        for (int from = 0; from < items.length; from += chunksize, c++) {
            int to = Math.min(items.length, from + chunksize);
            Frames.Out o = new Frames.Out(16 * (to - from));
            if (arity == 2) {
                o.u8(Frames.PACK_RECORDS);
                for (int i = from; i < to; i++) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) items[i];
                    o.item(e.getKey(), ARG).item(e.getValue(), ARG);
                }
            } else {
                o.values(items, from, to, ARG);
            }
            chunkBytes.add(o.toArray());
            counts[c] = to - from;
        }
    }

    /**
     * Lambda classes that capture nothing: an instance of one has no state, so its encoding can be reused while the
     * same instance is passed again. Anything with fields is encoded at each call (it may have changed).
     */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            if (!c.isSynthetic()) {
                return false;
            }
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
    };

    /** The encoded function, reused while the same stateless lambda is passed again (a loop of applyAsync). */
    private Fn function(Object fn) {
        if (fn == null) {
            throw new NullPointerException("task function is null");
        }
        boolean stateless = STATELESS.get(fn.getClass());
        if (stateless) {
            synchronized (lock) {
                if (fn == lastFunction) {
                    return lastFn;
                }
            }
        }
        byte[] bytes = PoolWorker.encodeFunction(fn, "pool task function");
        synchronized (lock) {
            Fn f = new Fn(nextFnId++, bytes);
            if (stateless) {
                lastFunction = fn;
                lastFn = f;
            }
            return f;
        }
    }

    private void submit(Job job, Fn f, int arity, List<byte[]> chunkBytes, int[] counts, int kind, int chunksize) {
        synchronized (lock) {
            checkRunning();
            beginWrite();
            try {
                long total = 0;
                for (int count : counts) {
                    total += count;
                }
                job.callId = nextCallId++;
                job.kind = kind;
                job.total = total;
                job.chunks = counts.length;
                job.chunksize = chunksize;
                job.started = System.currentTimeMillis();
                int first = 0;
                for (int i = 0; i < counts.length; i++) {
                    pending.addLast(new Chunk(job, i, first, counts[i], chunkBytes.get(i), f, arity));
                    first += counts[i];
                }
                tasksSubmitted += total;
                tasksQueued += total;
                active.add(job);
                writeCall(job);
                dispatch();
                writeHeader();
            } finally {
                endWrite();
            }
        }
    }

    private void checkRunning() {
        if (broken != null) {
            throw new IllegalStateException("Pool not running: the pool is broken: pool=" + name, broken);
        }
        if (state != RUN) {
            throw new IllegalStateException("Pool not running: pool=" + name + " state=" + stateName());
        }
    }

    private String stateName() {
        return switch (state) {
            case RUN -> "RUN";
            case CLOSE -> "CLOSE";
            case TERMINATE -> "TERMINATE";
            default -> "JOINED";
        };
    }

    /**
     * No more tasks: the workers finish what was submitted, then exit. Does not wait (see {@link #join()}). Also
     * what try-with-resources calls.
     *
     * <p>Python: {@code pool.close()}.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (state != RUN) {
                return;
            }
            beginWrite();
            try {
                state = CLOSE;
                dispatch(); // sends STOP to the workers once nothing is pending
                writeHeader();
            } finally {
                endWrite();
            }
        }
        post(new Frames.Out(1).u8(Frames.WAKE));
    }

    /**
     * Stops the workers now (SIGTERM, then SIGKILL after two seconds) and waits until they have ended. Results not
     * finished fail with a {@link ProcessException} ("pool was terminated").
     *
     * <p>Python: {@code pool.terminate()}, also what CPython's {@code with} block does at its end.
     */
    public void terminate() throws InterruptedException {
        List<Worker> toJoin;
        synchronized (lock) {
            if (state == TERMINATE || state == JOINED) {
                return;
            }
            beginWrite();
            try {
                terminateLocked();
                writeHeader();
            } finally {
                endWrite();
            }
            toJoin = new ArrayList<>(everyWorker);
        }
        post(new Frames.Out(1).u8(Frames.WAKE));
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (Worker w : toJoin) {
            long left = Math.max(1, deadline - System.nanoTime());
            if (!w.process.join(Duration.ofNanos(left))) {
                w.process.kill();
                w.process.join();
            }
        }
    }

    private void terminateLocked() {
        state = TERMINATE;
        RuntimeException e = new ProcessException("pool was terminated before the task finished: pool=" + name);
        List<Runnable> after = new ArrayList<>();
        for (Job j : new ArrayList<>(active)) {
            j.finished = true;
            j.state = C_FAILED;
            j.ended = System.currentTimeMillis();
            writeCall(j);
            after.add(() -> j.fail(e));
        }
        active.clear();
        tasksQueued = 0;
        tasksRunning = 0;
        pending.clear();
        for (Worker w : everyWorker) {
            w.outstanding.clear();
            w.outstandingTasks = 0;
            if (w.process.getPid().isPresent() && w.process.getExitCode().isEmpty()) {
                w.process.terminate();
            }
        }
        // the callbacks of failed results run here, in the terminating thread: the handler is stopping
        for (Runnable r : after) {
            r.run();
        }
    }

    /**
     * Waits until the workers have exited (and the result handler has stopped).
     *
     * @throws IllegalStateException "Pool is still running" unless close() or terminate() was called first
     * Python: {@code pool.join()}.
     */
    public void join() throws InterruptedException {
        synchronized (lock) {
            if (state == RUN) {
                throw new IllegalStateException("Pool is still running: pool=" + name);
            }
        }
        handler.join();
        List<Worker> all;
        synchronized (lock) {
            all = new ArrayList<>(everyWorker);
        }
        for (Worker w : all) {
            w.process.join();
        }
        synchronized (lock) {
            beginWrite();
            try {
                state = JOINED;
                for (Worker w : all) {
                    w.ended = true;
                    writeWorker(w);
                }
                writeHeader();
            } finally {
                endWrite();
            }
        }
    }

    /**
     * Grows or shrinks the pool to {@code processes} workers. Growing starts the new workers at once (each with a
     * task ring of its own); shrinking retires workers, idle ones first: a retired worker gets no more chunks, ends
     * the chunks it holds, answers them, and exits, so no task is lost. Returns without waiting for workers to start
     * or exit. The pool's size ({@link #getProcesses()}, the default chunksize of later maps, the observer's figure)
     * is {@code processes} from now on.
     *
     * <p>Workers beyond the rows of the pool's status block (sized when the pool was made: twice its size, at least
     * size + 2) run but are not shown by the observer until a row frees up.
     *
     * @throws IllegalArgumentException if {@code processes} is below 1
     * @throws IllegalStateException    "Pool not running" after close() or terminate()
     * Python: none (CPython's pool has a fixed size).
     */
    public void resize(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1: processes=" + processes
                    + " pool=" + name);
        }
        synchronized (lock) {
            checkRunning();
            if (processes == this.processes) {
                return;
            }
            beginWrite();
            try {
                if (processes > this.processes) {
                    Slot[] grown = Arrays.copyOf(slots, processes);
                    for (int i = slots.length; i < processes; i++) {
                        int index = ring(name + " tasks " + (i + 1) + "." + nextWorkerId);
                        grown[i] = new Slot(i, PoolWorker.ring(rt, index), index);
                    }
                    Slot[] old = slots;
                    slots = grown;
                    this.processes = processes;
                    for (int i = old.length; i < processes; i++) {
                        startWorker(grown[i]);
                    }
                } else {
                    // idle workers first, then those holding the fewest tasks
                    List<Slot> order = new ArrayList<>(Arrays.asList(slots));
                    order.sort((a, b) -> Integer.compare(a.worker == null ? -1 : a.worker.outstandingTasks,
                            b.worker == null ? -1 : b.worker.outstandingTasks));
                    List<Slot> retired = order.subList(0, slots.length - processes);
                    List<Slot> kept = new ArrayList<>();
                    for (Slot s : slots) {
                        if (!retired.contains(s)) {
                            kept.add(s);
                        }
                    }
                    for (Slot s : retired) {
                        Worker w = s.worker;
                        s.worker = null; // off the slots: no chunk goes to it and it is not replaced
                        if (w != null && !w.ended && !w.retiring) {
                            w.retiring = true;
                            w.maxReached = false;
                            stopAfterHeldChunks(s);
                        }
                    }
                    slots = kept.toArray(new Slot[0]);
                    this.processes = processes;
                }
                block.setIntPlain(base + PROCESSES_OFFSET, processes);
                dispatch();
                writeHeader();
            } finally {
                endWrite();
            }
        }
        post(new Frames.Out(1).u8(Frames.WAKE));
    }

    /**
     * Replaces every worker with a fresh process: each gets no more chunks, ends the chunks it holds, answers them
     * and exits; its replacement starts on its task ring once it has exited. No task is lost. Returns without
     * waiting.
     *
     * @throws IllegalStateException "Pool not running" after close() or terminate()
     * Python: none (CPython replaces workers only through {@code maxtasksperchild}).
     */
    public void restartWorkers() {
        synchronized (lock) {
            checkRunning();
            beginWrite();
            try {
                for (Slot s : slots) {
                    Worker w = s.worker;
                    if (w != null && !w.ended && !w.retiring) {
                        w.retiring = true;
                        w.maxReached = false; // replaced when it has exited, not before: it still reads the ring
                        stopAfterHeldChunks(s);
                    }
                }
                dispatch();
                writeHeader();
            } finally {
                endWrite();
            }
        }
    }

    /** Puts STOP in {@code s}'s ring, behind the chunks its worker holds (lock held; the ring has room for it). */
    private void stopAfterHeldChunks(Slot s) {
        try {
            if (!s.ring.put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), true,
                    System.nanoTime() + 1_000_000_000L)) {
                throw new ProcessException("cannot stop a pool worker: its task ring stays full: pool=" + name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while stopping a pool worker: pool=" + name, e);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "<Pool name='" + name + "' state=" + stateName() + " pool_size=" + processes + ">";
        }
    }

    // ------------------------------------------------------------------------------------------------ workers

    /** Starts a worker on slot {@code s} (lock held). */
    private void startWorker(Slot s) {
        int id = nextWorkerId++;
        Process p = new Process(null, PoolWorker.target(s.ringIndex, resultsIndex, id, maxTasks, initializer));
        p.setName(workerPrefix + "-" + Arrays.stream(p.getIdentity()).mapToObj(Integer::toString)
                .collect(Collectors.joining(":")));
        p.setDaemon(true);
        p.setStartMethod(method);
        Worker w = new Worker(id, s, p, claimRow());
        p.start();
        w.started = System.currentTimeMillis();
        workers.put(id, w);
        everyWorker.add(w);
        s.worker = w;
        workersStarted++;
        if (w.row >= 0) {
            rows[w.row] = w;
        }
        writeWorker(w);
        p.onExit().thenRunAsync(() -> post(new Frames.Out(8).u8(Frames.EXITED).i32(id)));
    }

    private int claimRow() {
        for (int i = 0; i < workerRows; i++) {
            if (rows[i] == null) {
                return i;
            }
        }
        for (int i = 0; i < workerRows; i++) {
            if (rows[i].ended) {
                return i;
            }
        }
        return -1;
    }

    /** Starts a replacement on slot {@code s} if the pool still needs one there (lock held). */
    private void maybeReplace(Slot s) {
        Worker w = s.worker;
        boolean free = w == null || w.ended || (w.retiring && w.maxReached && w.outstanding.isEmpty());
        if (!free || broken != null) {
            return;
        }
        if (state == RUN || (state == CLOSE && !pending.isEmpty())) {
            try {
                startWorker(s);
            } catch (RuntimeException e) {
                breakPool(new ProcessException("cannot start a pool worker: pool=" + name, e));
            }
        } else if (w != null && w.ended) {
            s.worker = null;
        }
    }

    /** Writes a message into the result ring (from any thread): the handler reads it after what is there. */
    private void post(Frames.Out out) {
        try {
            results.put(new ItemCodec.Encoded(ItemCodec.BYTES, out.toArray()), true, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    /** Sends pending chunks to workers with room (lock held); after close, STOP once nothing is pending. */
    private void dispatch() {
        while (!pending.isEmpty()) {
            Chunk c = pending.peekFirst();
            if (c.job.finished) {
                pending.pollFirst(); // its call failed already: do not run the rest
                tasksQueued -= c.count;
                continue;
            }
            Worker best = null;
            for (Slot s : slots) {
                Worker w = s.worker;
                if (w == null || w.retiring || w.ended || !w.hasRoom(c.count)) {
                    continue;
                }
                if (best == null || w.outstandingTasks < best.outstandingTasks) {
                    best = w;
                }
            }
            if (best == null) {
                break;
            }
            c.seq = best.seq + 1;
            Long evict = null;
            boolean define = !best.known.containsKey(c.fn.id);
            if (define && best.known.size() >= KNOWN_FUNCTIONS) {
                evict = best.known.keySet().iterator().next();
            }
            byte[] frame = Frames.chunk(c.seq, evict, c.fn.id, define ? c.fn.bytes : null, c.arity, c.count, c.items);
            boolean sent;
            try {
                sent = best.slot.ring.put(new ItemCodec.Encoded(ItemCodec.BYTES, frame), false, 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sent = false;
            }
            if (!sent) {
                break; // its ring is full: the next result makes room
            }
            best.seq = c.seq;
            if (evict != null) {
                best.known.remove(evict);
            }
            best.known.put(c.fn.id, Boolean.TRUE); // access order: the eldest is the least recently used
            pending.pollFirst();
            if (best.outstanding.isEmpty()) {
                best.busySince = System.currentTimeMillis();
            }
            best.outstanding.addLast(c);
            best.outstandingTasks += c.count;
            best.chunksSent++;
            if (maxTasks > 0 && best.chunksSent >= maxTasks) {
                best.retiring = true;
                best.maxReached = true;
            }
            tasksQueued -= c.count;
            tasksRunning += c.count;
            writeWorker(best);
        }
        if (state == CLOSE && pending.isEmpty()) {
            for (Slot s : slots) {
                Worker w = s.worker;
                if (w != null && !w.retiring && !w.ended) {
                    try {
                        if (s.ring.put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), false, 0)) {
                            w.retiring = true;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    private void handleResults() {
        long lastCheck = System.nanoTime();
        try {
            while (true) {
                Ring.Raw raw = results.takeRaw(true, System.nanoTime() + LIVENESS_CHECK_NANOS, null);
                if (raw == null || System.nanoTime() - lastCheck >= LIVENESS_CHECK_NANOS) {
                    lastCheck = System.nanoTime();
                    checkLiveness();
                }
                if (raw != null) {
                    handle(raw.payload());
                }
                synchronized (lock) {
                    if (finishedLocked()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error | IOException e) {
            LOG.error("pool result handler failed, the pool is broken: pool=%s %s", name, e);
            synchronized (lock) {
                beginWrite();
                try {
                    breakPool(new ProcessException("pool result handler failed: pool=" + name, e));
                } finally {
                    endWrite();
                }
            }
        }
    }

    /** The handler stops once terminated, or closed with nothing left to do and every worker ended. */
    private boolean finishedLocked() {
        if (state == TERMINATE || state == JOINED) {
            return true;
        }
        return state == CLOSE && active.isEmpty() && pending.isEmpty() && workers.isEmpty();
    }

    /**
     * A worker that ended without its exit being posted (should not happen: onExit posts it) is posted here, through
     * the ring, so that it is handled after anything it sent.
     */
    private void checkLiveness() {
        List<Integer> dead = new ArrayList<>();
        synchronized (lock) {
            for (Worker w : workers.values()) {
                if (!w.exitPosted && w.process.getExitCode().isPresent()) {
                    w.exitPosted = true;
                    dead.add(w.id);
                }
            }
        }
        for (int id : dead) {
            post(new Frames.Out(8).u8(Frames.EXITED).i32(id));
        }
    }

    private void handle(byte[] payload) throws IOException {
        Frames.In in = new Frames.In(payload);
        int type = in.u8();
        List<Runnable> after = new ArrayList<>(2);
        switch (type) {
            case Frames.OK -> {
                int wid = in.i32();
                long seq = in.i64();
                int n = in.i32();
                long busy = in.i64();
                List<Object> values = null;
                RuntimeException decodeError = null;
                try {
                    values = in.values(n);
                } catch (IOException e) {
                    decodeError = new ProcessException("cannot decode the result of a pool task: pool=" + name, e);
                }
                synchronized (lock) {
                    beginWrite();
                    try {
                        onResult(wid, seq, busy, decodeError == null ? values : null, decodeError, after);
                    } finally {
                        endWrite();
                    }
                }
            }
            case Frames.ERROR -> {
                int wid = in.i32();
                long seq = in.i64();
                RemoteProcessException e = readError(in, wid, "a pool task raised");
                synchronized (lock) {
                    beginWrite();
                    try {
                        onResult(wid, seq, -1, null, e, after);
                    } finally {
                        endWrite();
                    }
                }
            }
            case Frames.READY -> {
                int wid = in.i32();
                synchronized (lock) {
                    Worker w = workers.get(wid);
                    if (w != null) {
                        beginWrite();
                        try {
                            w.ready = true;
                            writeWorker(w);
                        } finally {
                            endWrite();
                        }
                    }
                }
            }
            case Frames.INIT_FAILED -> {
                int wid = in.i32();
                RemoteProcessException e = readError(in, wid, "the pool initializer raised");
                synchronized (lock) {
                    beginWrite();
                    try {
                        breakPool(e);
                    } finally {
                        endWrite();
                    }
                }
            }
            case Frames.EXITED -> {
                int wid = in.i32();
                synchronized (lock) {
                    beginWrite();
                    try {
                        onExited(wid, after);
                    } finally {
                        endWrite();
                    }
                }
            }
            case Frames.WAKE -> {
                synchronized (lock) {
                    beginWrite();
                    try {
                        dispatch();
                        writeHeader();
                    } finally {
                        endWrite();
                    }
                }
            }
            default -> throw new IOException("malformed pool message: type=" + type);
        }
        for (Runnable r : after) {
            r.run();
        }
    }

    private RemoteProcessException readError(Frames.In in, int wid, String what) throws IOException {
        String type = in.str();
        String message = in.str();
        String trace = in.str();
        byte[] ser = in.bytes(in.i32());
        Throwable cause = null;
        if (ser.length > 0) {
            try {
                cause = (Throwable) ObjectSerializer.deserialize(ser);
            } catch (IOException | ClassNotFoundException | ClassCastException e) {
                cause = null; // shown as text below
            }
        }
        if (cause == null) {
            cause = new RemoteProcessException.RemoteTraceback(trace);
        }
        String worker;
        synchronized (lock) {
            Worker w = workers.get(wid);
            worker = w != null ? " worker=" + w.process.getName() + " pid=" + w.pid() : "";
        }
        return new RemoteProcessException(what + ": " + type + (message.isEmpty() ? "" : ": " + message) + ":"
                + worker + " pool=" + name, type, message, trace, cause);
    }

    /** The answer to a worker's oldest outstanding chunk (lock held). */
    private void onResult(int wid, long seq, long busyNanos, List<Object> values, RuntimeException error,
                          List<Runnable> after) {
        Worker w = workers.get(wid);
        if (w == null || w.outstanding.isEmpty() || w.outstanding.peekFirst().seq != seq) {
            // a late answer after terminate(), which cleared what the workers held
            return;
        }
        Chunk c = w.outstanding.pollFirst();
        prefaultRingsOnce();
        // the worker's own time on the chunk: a wake-up delayed by a loaded machine does not count against it
        w.fast = busyNanos >= 0 && busyNanos < FAST_CHUNK_NANOS;
        w.lastAnswerAt = System.nanoTime();
        w.outstandingTasks -= c.count;
        w.tasksDone += c.count;
        w.busySince = w.outstanding.isEmpty() ? 0 : System.currentTimeMillis();
        tasksRunning -= c.count;
        finishChunk(c, values, error, after);
        if (w.maxReached && w.outstanding.isEmpty()) {
            maybeReplace(w.slot); // it exits by itself now: its replacement can start at once
        }
        dispatch();
        writeWorker(w);
        writeHeader();
    }

    /**
     * At the pool's first answer, maps its rings' pages in the background (lock held); after it, not at once: the
     * pool's first result comes first (see {@link PoolWorker#prefaultInBackground}).
     */
    private void prefaultRingsOnce() {
        if (ringsPrefaulted) {
            return;
        }
        ringsPrefaulted = true;
        List<Ring> rings = new ArrayList<>();
        rings.add(results);
        for (Slot s : slots) {
            rings.add(s.ring);
        }
        PoolWorker.prefaultInBackground(rings);
    }

    /** Records a chunk's outcome in its call and schedules its delivery (lock held). */
    private void finishChunk(Chunk c, List<Object> values, RuntimeException error, List<Runnable> after) {
        tasksDone += c.count;
        Job j = c.job;
        j.done += c.count;
        j.chunksDone++;
        if (error != null) {
            tasksFailed += c.count;
            j.failed += c.count;
        }
        if (!j.finished) {
            boolean last = j.chunksDone == j.chunks;
            boolean ends = last || (error != null && j.failsAsAWhole());
            if (ends) {
                j.finished = true;
                j.state = j.failed > 0 ? C_FAILED : C_DONE;
                j.ended = System.currentTimeMillis();
                active.remove(j);
            }
            after.add(() -> j.deliver(c, values, error));
        }
        writeCall(j);
    }

    /** A worker's process ended (lock held): the chunks it held and had begun are lost, the others go elsewhere. */
    private void onExited(int wid, List<Runnable> after) {
        Worker w = workers.remove(wid);
        if (w == null) {
            return;
        }
        w.ended = true;
        int code = w.process.getExitCode().orElse(Integer.MIN_VALUE);
        Slot s = w.slot;
        if (!w.outstanding.isEmpty() && state != TERMINATE) {
            int inRing = s.worker == w ? drain(s) : 0;
            int taken = Math.max(0, Math.min(w.outstanding.size(), w.outstanding.size() - inRing));
            for (int i = 0; i < taken; i++) {
                Chunk c = w.outstanding.pollFirst();
                tasksRunning -= c.count;
                finishChunk(c, null, new WorkerLostException(w.process.getName(), w.pid(), code, name), after);
            }
            if (taken > 0) {
                workersLost++;
                w.lost = true;
                LOG.warning("pool worker died while it held a task, replaced: pool=%s worker=%s pid=%s exitcode=%s",
                        name, w.process.getName(), w.pid(), code);
            }
            // not begun: back to the front of the queue, in order
            for (Iterator<Chunk> it = w.outstanding.descendingIterator(); it.hasNext(); ) {
                Chunk c = it.next();
                tasksRunning -= c.count;
                tasksQueued += c.count;
                pending.addFirst(c);
            }
            w.outstanding.clear();
            w.outstandingTasks = 0;
        }
        w.exitCode = code;
        if (s.worker == w) {
            maybeReplace(s);
        }
        dispatch();
        writeWorker(w);
        writeHeader();
    }

    /** Empties a dead worker's ring; returns how many chunks were still in it (lock held). */
    private int drain(Slot s) {
        int chunks = 0;
        try {
            while (!s.ring.isEmpty()) {
                // blocking take: it takes the ring's lock over if the worker died holding it
                Ring.Raw r = s.ring.takeRaw(true, System.nanoTime() + 1_000_000_000L, null);
                if (r == null) {
                    break;
                }
                byte[] p = r.payload();
                if (p.length > 0 && p[0] == Frames.CHUNK) {
                    chunks++;
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot drain a dead pool worker's tasks: pool=%s %s", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return chunks;
    }

    /** The pool cannot go on (its initializer raised, a worker cannot start): every call fails (lock held). */
    private void breakPool(RuntimeException e) {
        if (broken == null) {
            broken = e;
        }
        List<Runnable> after = new ArrayList<>();
        for (Job j : new ArrayList<>(active)) {
            j.finished = true;
            j.state = C_FAILED;
            j.ended = System.currentTimeMillis();
            writeCall(j);
            after.add(() -> j.fail(e));
        }
        active.clear();
        pending.clear();
        tasksQueued = 0;
        if (state == RUN) {
            state = CLOSE;
        }
        for (Slot s : slots) {
            Worker w = s.worker;
            if (w != null && !w.retiring && !w.ended) {
                try {
                    if (s.ring.put(new ItemCodec.Encoded(ItemCodec.BYTES, new byte[] {Frames.STOP}), false, 0)) {
                        w.retiring = true;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        writeHeader();
        // outside the pool's lock would be better, but callbacks must not be lost: run them on a short-lived thread
        Thread t = new Thread(() -> after.forEach(Runnable::run), "mp-pool-failure-" + name);
        t.setDaemon(true);
        t.start();
    }

    // ------------------------------------------------------------------------------------------------ status block

    private void beginWrite() {
        block.setIntRelease(base + SEQ_OFFSET, ++seq); // odd: an update is in progress
    }

    private void endWrite() {
        block.setIntRelease(base + SEQ_OFFSET, ++seq);
    }

    private void writeHeader() {
        block.setIntPlain(base + STATE_OFFSET, state);
        block.setLongPlain(base + TASKS_SUBMITTED_OFFSET, tasksSubmitted);
        block.setLongPlain(base + TASKS_QUEUED_OFFSET, tasksQueued);
        block.setLongPlain(base + TASKS_RUNNING_OFFSET, tasksRunning);
        block.setLongPlain(base + TASKS_DONE_OFFSET, tasksDone);
        block.setLongPlain(base + TASKS_FAILED_OFFSET, tasksFailed);
        block.setIntPlain(base + WORKERS_STARTED_OFFSET, workersStarted);
        block.setIntPlain(base + WORKERS_LOST_OFFSET, workersLost);
        block.setLongPlain(base + CALLS_STARTED_OFFSET, nextCallId - 1);
    }

    private void writeWorker(Worker w) {
        if (w.row < 0 || rows[w.row] != w) {
            return;
        }
        int at = base + workerOffset(w.row);
        int st = w.ended ? (w.lost ? W_LOST : W_EXITED) : !w.ready ? W_STARTING
                : w.outstanding.isEmpty() ? W_IDLE : W_BUSY;
        if (!w.named) {
            block.putString(at + W_NAME_OFFSET, W_NAME_LENGTH, w.process.getName());
            block.setLongPlain(at + W_STARTED_MILLIS_OFFSET, w.started);
            w.named = true;
        }
        block.setIntPlain(at + W_STATE_OFFSET, st);
        block.setIntPlain(at + W_EXIT_CODE_OFFSET, w.exitCode);
        block.setLongPlain(at + W_PID_OFFSET, w.pid());
        block.setLongPlain(at + W_TASKS_DONE_OFFSET, w.tasksDone);
        Chunk head = w.outstanding.peekFirst();
        block.setLongPlain(at + W_CURRENT_CALL_OFFSET, head == null ? 0 : head.job.callId);
        block.setLongPlain(at + W_CURRENT_TASK_OFFSET, head == null ? 0 : head.first);
        block.setIntPlain(at + W_OUTSTANDING_OFFSET, w.outstanding.size());
        block.setLongPlain(at + W_BUSY_SINCE_OFFSET, head == null ? 0 : w.busySince);
    }

    private void writeCall(Job j) {
        int at = base + callOffset(workerRows, (int) (j.callId % CALL_ROWS));
        block.setLongPlain(at + C_ID_OFFSET, j.callId);
        block.setIntPlain(at + C_KIND_OFFSET, j.kind);
        block.setIntPlain(at + C_STATE_OFFSET, j.state);
        block.setLongPlain(at + C_TOTAL_OFFSET, j.total);
        block.setLongPlain(at + C_DONE_OFFSET, j.done);
        block.setLongPlain(at + C_FAILED_OFFSET, j.failed);
        block.setLongPlain(at + C_STARTED_OFFSET, j.started);
        block.setLongPlain(at + C_ENDED_OFFSET, j.ended);
        block.setIntPlain(at + C_CHUNKSIZE_OFFSET, j.chunksize);
    }

    // ------------------------------------------------------------------------------------------------ records

    /** A worker's channel: its task ring, and the worker reading it now. */
    private static final class Slot {
        final int index;
        final Ring ring;
        final int ringIndex;
        Worker worker;

        Slot(int index, Ring ring, int ringIndex) {
            this.index = index;
            this.ring = ring;
            this.ringIndex = ringIndex;
        }
    }

    /** One worker process and what the pool sent it. Guarded by the pool's lock. */
    private static final class Worker {
        final int id;
        final Slot slot;
        final Process process;
        final int row;
        final ArrayDeque<Chunk> outstanding = new ArrayDeque<>();
        /** Functions it knows, least recently used first. */
        final LinkedHashMap<Long, Boolean> known = new LinkedHashMap<>(16, 0.75f, true);
        int outstandingTasks;
        int chunksSent;
        long seq;
        long tasksDone;
        long started;
        long busySince;
        long lastAnswerAt;
        boolean fast;
        int exitCode;
        boolean ready;
        boolean retiring;
        boolean maxReached;
        boolean ended;
        boolean lost;
        boolean named;
        boolean exitPosted;

        Worker(int id, Slot slot, Process process, int row) {
            this.id = id;
            this.slot = slot;
            this.process = process;
            this.row = row;
        }

        long pid() {
            try {
                return process.getPid().orElse(0);
            } catch (IllegalStateException e) {
                return 0;
            }
        }

        /**
         * Room for one more chunk. An idle worker takes one, a worker that has answered before two; a worker whose
         * last chunk took under
         * {@link #FAST_CHUNK_NANOS} takes more while it holds few tasks, so small tasks flow without a round trip
         * each. Others hold at most two, close to CPython's workers, which take from a shared queue only when free:
         * long tasks stay balanced, and a starting worker does not hoard the work.
         */
        boolean hasRoom(int count) {
            int n = outstanding.size();
            if (n == 0) {
                return true;
            }
            if (n == 1 && lastAnswerAt != 0) {
                return true; // a worker that has answered keeps the next chunk at hand: no round trip between chunks
            }
            return fast && n < MAX_OUTSTANDING_CHUNKS && outstandingTasks + count <= MAX_OUTSTANDING_TASKS;
        }
    }

    /** An encoded task function and the id workers know it by. */
    private record Fn(long id, byte[] bytes) {
    }

    /** Consecutive tasks of one call, sent to one worker as one message. */
    private static final class Chunk {
        final Job job;
        final int index;
        final int first;
        final int count;
        final byte[] items;
        final Fn fn;
        final int arity;
        long seq;

        Chunk(Job job, int index, int first, int count, byte[] items, Fn fn, int arity) {
            this.job = job;
            this.index = index;
            this.first = first;
            this.count = count;
            this.items = items;
            this.fn = fn;
            this.arity = arity;
        }
    }

    /** One call (apply, map, imap): its progress (guarded by the pool's lock) and how its outcome is delivered. */
    private abstract static class Job {
        long callId;
        int kind;
        long total;
        int chunks;
        int chunksize;
        int chunksDone;
        long done;
        long failed;
        long started;
        long ended;
        int state = C_RUNNING;
        boolean finished;

        /** True if one failed chunk fails the whole call (map, apply); false for imap, which goes on. */
        boolean failsAsAWhole() {
            return true;
        }

        /** Hands a chunk's outcome to the caller's object (in the handler thread, without the pool's lock). */
        abstract void deliver(Chunk c, List<Object> values, RuntimeException error);

        /** Fails whatever has not been delivered. */
        abstract void fail(RuntimeException e);
    }

    private static final class ApplyJob<R> extends Job {
        private final AsyncResult<R> result;

        ApplyJob(AsyncResult<R> result) {
            this.result = result;
        }

        @Override
        @SuppressWarnings("unchecked")
        void deliver(Chunk c, List<Object> values, RuntimeException error) {
            if (error != null) {
                result.fail(error);
            } else {
                result.complete((R) values.get(0));
            }
        }

        @Override
        void fail(RuntimeException e) {
            result.fail(e);
        }
    }

    private static final class MapJob<R> extends Job {
        private final AsyncResult<List<R>> result;
        private final Object[] values;
        private int filled;

        MapJob(AsyncResult<List<R>> result, int n) {
            this.result = result;
            this.values = new Object[n];
        }

        @Override
        @SuppressWarnings("unchecked")
        void deliver(Chunk c, List<Object> chunkValues, RuntimeException error) {
            if (error != null) {
                result.fail(error);
                return;
            }
            for (int i = 0; i < c.count; i++) {
                values[c.first + i] = chunkValues.get(i);
            }
            filled += c.count;
            if (filled == values.length) {
                result.complete((List<R>) java.util.Collections.unmodifiableList(Arrays.asList(values)));
            }
        }

        @Override
        void fail(RuntimeException e) {
            result.fail(e);
        }
    }

    private static final class IMapJob extends Job {
        private final IMapIterator<?> it;

        IMapJob(IMapIterator<?> it) {
            this.it = it;
        }

        @Override
        boolean failsAsAWhole() {
            return false;
        }

        @Override
        void deliver(Chunk c, List<Object> values, RuntimeException error) {
            it.arrive(c.index, error != null ? new IMapIterator.Failure(error) : values);
        }

        @Override
        void fail(RuntimeException e) {
            it.breakWith(e);
        }
    }
}
