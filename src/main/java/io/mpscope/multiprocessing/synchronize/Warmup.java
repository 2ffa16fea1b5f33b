package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import io.mpscope.multiprocessing.shm.SegmentArena;
import io.mpscope.multiprocessing.shm.SemaphoreLayout;
import java.nio.file.Path;

/**
 * Runs the fast paths of the shared primitives (Lock, RLock, Semaphore, Event, Value, Array, a queue's ring) a few
 * thousand times on a private scratch mapping, so that a standby JVM has them compiled, with the same receiver types, before it is
 * handed work. Without this a child's first million lock operations run in the interpreter and the first tier of the
 * JIT: a cold child summed a locked array several times slower than a warm one. Nothing is listed in any session;
 * the scratch file is deleted as soon as it is mapped.
 */
public final class Warmup {
    private static final int ROUNDS = Integer.getInteger("mpscope.warmup.rounds", 5_000);
    /**
     * Whether a standby JVM loads JNA (the futex binding) while it waits: without it the child's first wait or
     * wake-up loads it, 150-900 ms on a loaded 2-CPU machine (measured: a standby child's first Event.set took
     * 150-800 ms), inside the user's first exchange. It costs ~5.5 MB of RSS per idle JVM.
     */
    private static final boolean PRELOAD_FUTEX = !"false".equals(System.getProperty("mpscope.standby.preloadFutex"));
    private static volatile boolean stopped;
    /**
     * The runtime of no session the warm-ups use (a registry of no session whose slot 0 is this process, and an
     * arena whose first segment is a private mapping): made once by {@link #prepare()}; null if it could not be.
     */
    private static volatile SharedRuntime scratchRuntime;

    /**
     * The warm-ups' runtime of no session (see {@link #prepare()}), or null: primitives and pipes made on it take the
     * same code paths as a session's (waiter rows, owner checks, the arena), and nothing is listed or left anywhere.
     */
    public static SharedRuntime scratchRuntime() {
        return scratchRuntime;
    }

    /** Makes {@link #scratchRuntime} once, each of its files removed as soon as it is mapped ({@code f} names them). */
    private static synchronized void prepareRuntime(Path f) {
        if (scratchRuntime != null) {
            return;
        }
        try {
            io.mpscope.multiprocessing.shm.SessionRegistry reg =
                    io.mpscope.multiprocessing.shm.SessionRegistry.createScratch(f);
            // sparse: only what the warm-up uses takes memory
            MappedRegion segment = MappedRegion.createUnlinked(f, SegmentArena.SEGMENT_LENGTH);
            SharedRuntime rt = SharedRuntime.scratch(reg);
            rt.arena().adopt(0, segment);
            scratchRuntime = rt;
        } catch (Exception | LinkageError e) {
            scratchRuntime = null; // the warm-ups run without waiter rows (or not at all)
        }
    }
    /** Scratch bytes: primitives in the first page, then a queue ring (a 4 KiB header and an 8 KiB ring). */
    private static final int SCRATCH = 4096 + 4096 + 8192;

    private Warmup() {
    }

    /**
     * Warms up on a low-priority daemon thread {@code mp-warmup}, which stops early when {@link #stop()} is called
     * (the standby JVM got its work), then runs {@code whenDone} (may be null). The standby JVM's main thread is
     * meanwhile free to take work.
     */
    public static void startInBackground(MappedRegion scratch, Runnable whenDone) {
        if (scratch == null) {
            if (whenDone != null) {
                whenDone.run();
            }
            return;
        }
        Thread t = new Thread(() -> {
            run(scratch);
            if (whenDone != null) {
                whenDone.run();
            }
        }, "mp-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Ends a warm-up in progress at its next round. */
    public static void stop() {
        stopped = true;
    }

    /**
     * Removes what the warm-ups' runtime of no session left in the runtime folder: files of large items that a
     * warm-up wrote and never read back, because the standby JVM got its work (or was retired) in the middle of it.
     * Seen after a full benchmark run: four {@code 0-<ticks>-b<k>.seg} files of 8-11 KB left in the runtime folder
     * until the next session's sweep. Called as this JVM ends; the next session's sweep still removes what a killed
     * JVM leaves.
     */
    public static void removeLeftovers() {
        SharedRuntime rt = scratchRuntime;
        if (rt != null && rt.registry() != null) {
            rt.registry().deleteSegmentFiles();
        }
    }

    /** Whether {@link #stop()} was called (the standby JVM got its work). */
    public static boolean isStopped() {
        return stopped;
    }

    /**
     * Maps the scratch memory: a file 0600 in the runtime folder, unlinked at once (the mapping stays valid). Called
     * on the standby JVM's main thread before it can be retired, so no exit path leaves the file behind; a SIGKILL in
     * the few microseconds between create and unlink is swept by the next session ({@code warmup-<pid>-<ticks>.tmp}).
     *
     * @return the mapping, or null if warming up is off or impossible
     */
    public static MappedRegion prepare() {
        if (ROUNDS <= 0) {
            return null;
        }
        try {
            Path dir = RuntimeDirectory.create();
            long pid = ProcessHandle.current().pid();
            Path f = dir.resolve("warmup-" + pid + "-" + io.mpscope.multiprocessing.shm.ProcFs.startTicks(pid) + ".tmp");
            prepareRuntime(f);
            return MappedRegion.createUnlinked(f, SCRATCH);
        } catch (Exception | LinkageError e) {
            return null; // an optimisation only
        }
    }

    /** Warms the primitives' fast paths on {@code r} (from {@link #prepare()}); failures are ignored. */
    public static void run(MappedRegion r) {
        if (r == null) {
            return;
        }
        boolean futex = false;
        if (PRELOAD_FUTEX && !stopped) {
            try {
                futex = io.mpscope.multiprocessing.shm.Futex.preload();
            } catch (LinkageError e) {
                // the first wait reports it
            }
        }
        lastRegion = r;
        lastFutex = futex;
        try {
            exercise(r, futex);
        } catch (Exception | LinkageError e) {
            // an optimisation only
        }
    }

    private static volatile MappedRegion lastRegion;
    private static volatile boolean lastFutex;

    /**
     * Runs the warm-up again on the region {@link #run} used, after the manager and pool warm-ups: those use the
     * queue's ring in ways of their own (rings that do not spin, large frames), which threw away its compiled put and
     * wait, and these came back only at the first JIT tier; the user's first queue stream then ran beside their
     * second-tier compile (measured: a standby child's compiler thread busy 40-80 ms of a 2,000-item 64 KiB stream of
     * 70-170 ms). Run again here they are compiled with every use seen, before the JVM says it is ready.
     */
    public static void again() {
        MappedRegion r = lastRegion;
        if (r == null || stopped) {
            return;
        }
        try {
            exercise(r, lastFutex);
        } catch (Exception | LinkageError e) {
            // an optimisation only
        }
    }

    /** The name pattern of scratch files, for the sweep: {@code warmup-<pid>-<startTicks>.tmp}. */
    public static boolean isScratchOfDeadProcess(String fileName) {
        if (!fileName.startsWith("warmup-") || !fileName.endsWith(".tmp")) {
            return false;
        }
        String[] parts = fileName.substring(7, fileName.length() - 4).split("-");
        try {
            return parts.length == 2 && !io.mpscope.multiprocessing.shm.ProcFs.isAlive(Long.parseLong(parts[0]),
                    Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static SharedRuntime.Entry entry(MappedRegion r, int index, PrimitiveKind kind, int offset, int length,
                                             int lockRef, int extra, int count) {
        return new SharedRuntime.Entry(index, kind, new SegmentArena.Block(0, offset, length, r), lockRef, extra,
                count, "warm-up");
    }

    private static void exercise(MappedRegion r, boolean blocking) throws InterruptedException {
        SharedRuntime rt = scratchRuntime != null ? scratchRuntime : SharedRuntime.scratch();
        Lock lock = new Lock(rt, entry(r, 0, PrimitiveKind.LOCK, 0, 64, -1, 0, 0));
        RLock rlock = new RLock(rt, entry(r, 1, PrimitiveKind.RLOCK, 64, 64, -1, 0, 0));
        r.setIntPlain(128 + SemaphoreLayout.VALUE_OFFSET, 1);
        r.setIntPlain(128 + SemaphoreLayout.MAX_VALUE_OFFSET, Integer.MAX_VALUE);
        Semaphore sem = new Semaphore(rt, entry(r, 2, PrimitiveKind.SEMAPHORE, 128, 512, -1, 0, 0));
        Event event = new Event(rt, entry(r, 3, PrimitiveKind.EVENT, 640, 64, -1, 0, 0));
        RLock valueLock = new RLock(rt, entry(r, 4, PrimitiveKind.RLOCK, 704, 64, -1, 0, 0));
        rt.remember(4, valueLock);
        Value dv = Value.attachWith(rt, entry(r, 5, PrimitiveKind.VALUE, 768, 8, 4, 'd', 1));
        Value iv = Value.attachWith(rt, entry(r, 6, PrimitiveKind.VALUE, 776, 8, 4, 'i', 1));
        Array arr = Array.attachWith(rt, entry(r, 7, PrimitiveKind.ARRAY, 832, 256, 4, 'd', 32));
        Array iarr = Array.attachWith(rt, entry(r, 8, PrimitiveKind.ARRAY, 1088, 128, 4, 'i', 32));
        io.mpscope.multiprocessing.queues.Ring.init(r, 4096, 8192, 0, 0);
        io.mpscope.multiprocessing.queues.Ring ring = new io.mpscope.multiprocessing.queues.Ring(rt, r, 4096, 9);
        SharedRuntime.Entry queueEntry = entry(r, 9, PrimitiveKind.QUEUE, 4096,
                io.mpscope.multiprocessing.queues.Ring.blockLength(8192), -1, 0, 0);
        // The same ring behind a Queue: a child's put/get paths (encoding, the backlog check, decoding) compiled too,
        // with the item types of the common workloads (a child producer's first 10,000 puts ran interpreted or in
        // the first JIT tier otherwise). Items stay below the scratch ring's inline limit: no blob files.
        @SuppressWarnings("unchecked")
        io.mpscope.multiprocessing.queues.Queue<Object> queue = (io.mpscope.multiprocessing.queues.Queue<Object>)
                io.mpscope.multiprocessing.queues.Queue.attach(rt, queueEntry);
        byte[] bytes = new byte[512];
        long sink = 0;
        // Two passes of the fast paths with the blocking phase between them. The blocking phase's first full and
        // empty rings throw the compiled put and get away (their branches had never been taken), and they come back
        // at the first JIT tier; without the second pass they stayed there until the user's work made them hot again
        // and the compiler ran beside it (a cold child's 64 KiB stream spent 25-50 ms of its 50-80 ms in C2).
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < ROUNDS && !stopped; i++) {
                lock.acquire();
                lock.release();
                if (lock.tryAcquire()) {
                    lock.release();
                }
                try (Held h = rlock.hold()) {
                    rlock.acquire();
                    rlock.release();
                }
                sem.acquire();
                sem.release();
                event.set();
                sink += event.isSet() ? 1 : 0;
                event.clear();
                try (Held h = dv.hold()) {
                    dv.setDouble(dv.getDouble() + 1);
                    iv.setInt(iv.getInt() + 1);
                }
                iv.getAndAddInt(1);
                int k = i & 31;
                arr.setDouble(k, arr.getDouble(k) + 1);
                iarr.setLong(k, iarr.getLong(k) + 1);
                sink += (long) arr.get(k).doubleValue() + iarr.getAndAddInt(k, 1);
                try {
                    ring.put(io.mpscope.multiprocessing.serialization.ItemCodec.encode(i, "warm-up"), false, 0);
                    ring.put(io.mpscope.multiprocessing.serialization.ItemCodec.encode("s" + k, "warm-up"), false, 0);
                    sink += ring.take(false, 0, null) instanceof Integer n ? n : 0;
                    sink += ring.take(false, 0, null) instanceof String t ? t.length() : 0;
                    queue.put(i);
                    queue.put(bytes);
                    sink += queue.getNowait() instanceof Integer n ? n : 0;
                    sink += queue.getNowait() instanceof byte[] b ? b.length : 0;
                } catch (java.io.IOException | io.mpscope.multiprocessing.queues.QueueEmptyException e) {
                    return;
                }
            }
            if (pass == 1 || !blocking || stopped) {
                break;
            }
            @SuppressWarnings("unchecked")
            var blockingQueue = (io.mpscope.multiprocessing.queues.Queue<Object>)
                    io.mpscope.multiprocessing.queues.Queue.attach(rt, queueEntry);
            exerciseBlocking(blockingQueue, ring); // closes its own view of the ring; the second pass uses the first
        }
        if (sink == 42) {
            System.out.print(""); // keep the loop's results alive
        }
    }

    /**
     * The queue's blocking paths, with a consumer thread, in bursts of {@link #BURST} items that alternate two
     * regimes: every {@link #PAUSE_EVERY} items the consumer pauses until the ring is full (the producer waits for
     * room and is woken), then the producer pauses until the ring is empty (the consumer waits for an item and is
     * woken). One pause in four lasts past a wait's whole look ({@link #LONG_PAUSE_NANOS}), so the other side also
     * sleeps on the futex. Compiled from the loop above alone, these branches had never been taken, so the compiled
     * put and get were thrown away (deoptimized) at a user's first full or empty ring and compiled again while the
     * user's work ran: a cold standby child put 1 KiB items at a quarter of a warm one's rate. Fixed pauses (300 us)
     * filled the ring at one pause in three. Stops within a wait slice when {@link #stop()} is called.
     *
     * @param ring the queue's ring, seen from this process (to see it full or empty)
     */
    private static void exerciseBlocking(io.mpscope.multiprocessing.queues.Queue<Object> queue,
            io.mpscope.multiprocessing.queues.Ring ring) throws InterruptedException {
        queue.cancelJoinThread(); // never hold this JVM's exit for items nobody takes
        int items = BLOCKING_ITEMS;
        byte[] bytes = new byte[512];
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        long nearlyFull = ring.capacity() - 2L * bytes.length;
        // Half the consumer's takes go through a view of the ring that does not spin (as a pool's and a manager
        // channel's do): the wait's compiled code then has both branches, and the manager warm-up and a user's pool
        // do not throw it away.
        io.mpscope.multiprocessing.queues.Ring noSpin = new io.mpscope.multiprocessing.queues.Ring(ring.rt, ring.r,
                ring.base, ring.index).spinBeforeSleeping(0);
        Thread consumer = new Thread(() -> {
            try {
                for (int n = 0; n < items && !stopped; ) {
                    try {
                        if (n % 2 == 0) {
                            queue.get(java.time.Duration.ofMillis(50));
                        } else if (noSpin.take(true, System.nanoTime() + 50_000_000L, null)
                                == io.mpscope.multiprocessing.queues.Ring.EMPTY) {
                            continue;
                        }
                        n = taken.incrementAndGet();
                        if ((n / BURST) % 2 == 0 && n % PAUSE_EVERY == 0) {
                            pauseUntil(() -> ring.usedBytes() >= nearlyFull, n % (4 * PAUSE_EVERY) == 0);
                        }
                    } catch (io.mpscope.multiprocessing.queues.QueueEmptyException e) {
                        // look at stopped again
                    }
                }
            } catch (InterruptedException | RuntimeException | java.io.IOException e) {
                // an optimisation only
            }
        }, "mp-warmup-consumer");
        consumer.setDaemon(true);
        consumer.start();
        for (int i = 0; i < items && !stopped; i++) {
            switch (i % 3) {
                case 0 -> queue.put(i);
                case 1 -> queue.put(bytes);
                default -> queue.put("s" + (i & 31));
            }
            if ((i / BURST) % 2 == 1 && i % PAUSE_EVERY == 0) {
                pauseUntil(ring::isEmpty, i % (4 * PAUSE_EVERY) == 0);
            }
        }
        consumer.join(1_000);
        queue.close();
        blockingTaken = taken.get();
    }

    /** Parks until {@code done} (at most {@link #PAUSE_MAX_NANOS}), then {@link #LONG_PAUSE_NANOS} more if asked. */
    private static void pauseUntil(java.util.function.BooleanSupplier done, boolean thenLong) {
        long end = System.nanoTime() + PAUSE_MAX_NANOS;
        while (!done.getAsBoolean() && System.nanoTime() - end < 0 && !stopped) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        if (thenLong) {
            java.util.concurrent.locks.LockSupport.parkNanos(LONG_PAUSE_NANOS);
        }
    }

    /** Items the last blocking phase's consumer took (for tests: the phase ran to its end). */
    static int blockingItemsTaken() {
        return blockingTaken;
    }

    private static volatile int blockingTaken;

    /** For tests: forget the last blocking phase's count, to see that the next one ran. */
    static void resetBlockingTaken() {
        blockingTaken = 0;
    }

    /** Items per regime in the blocking phase. */
    private static final int BURST = 500;
    /** Items between two pauses of the blocking phase. */
    private static final int PAUSE_EVERY = 4;
    /** The longest wait for the ring to fill or empty. */
    private static final long PAUSE_MAX_NANOS = 2_000_000;
    /** A pause longer than a ring wait's look before it sleeps (500 us). */
    private static final long LONG_PAUSE_NANOS = 700_000;

    /** Items the blocking phase moves (its first few hundred leave the queue paths deoptimized and recompiled). */
    static final int BLOCKING_ITEMS = Integer.getInteger("mpscope.warmup.blockingItems", 6_000);
}
