package io.mpscope.multiprocessing.queues;

import static io.mpscope.multiprocessing.shm.QueueLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.synchronize.SharedPrimitive;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A FIFO queue shared by processes, with CPython's semantics: unbounded by default, and then {@code put} never blocks
 * (what the shared ring cannot take yet waits in this process, and a feeder thread moves it on, in order; while
 * items are being taken, a put may instead wait up to 2 ms for room, so that a producer faster than its
 * consumer does not pile its output up on the heap, but it never waits for a consumer that does not take); a bounded
 * queue ({@code maxsize > 0}) blocks {@code put} while it holds {@code maxsize} items. Items from one producer arrive
 * in the order it put them; {@code get} returns a copy.
 *
 * <p>Better than CPython: the item is serialized in {@code put}, so an object that cannot travel fails there, naming
 * its class and field path (CPython's feeder thread drops it and prints a traceback); a producer killed inside
 * {@code put} leaves no partial record and its lock is taken over; an item larger than the ring travels in a file of
 * its own, so a child that put a large item can be joined before anyone reads it.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.Queue}.
 *
 * @param <E> the type of the items
 */
public class Queue<E> extends SharedPrimitive {
    private static final long serialVersionUID = 1L;
    /**
     * How an item is named in a serialization error, made once (not a string concatenation per put). Made in the
     * constructor, as the backlog is: a field first found null in put made the compiled put (compiled in a standby
     * JVM's warm-up, where it never was null) be thrown away at a new queue's first put.
     */
    private final transient String itemWhat;

    final transient Ring ring;
    private final transient Object feedLock = new Object();
    private final transient ArrayDeque<ItemCodec.Encoded> backlog = new ArrayDeque<>(4);
    /** Bytes held by the backlog (payloads plus an estimate of the objects around them); under feedLock. */
    private transient long backlogBytes;
    /** The ring's count of takes when a put last looked, and when (System.nanoTime) it last saw it change. */
    private transient long takesSeen = -1;
    private transient long takesMovedAt;
    /** Puts waiting in {@link #awaitBacklog}; under feedLock. */
    private transient int throttled;
    private transient Thread feeder;
    private transient volatile boolean closed;
    private transient volatile boolean joinCancelled;
    private transient boolean finalizerAdded;

    Queue(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, e.kind(), e.region(), e.base(), e.index());
        this.ring = new Ring(rt, e.region(), e.base(), e.index());
        this.itemWhat = "queue item for " + getName();
    }

    /** Rebuilds a queue in a process that received its handle (library internal). */
    public static Object attach(SharedRuntime rt, SharedRuntime.Entry e) {
        return switch (e.kind()) {
            case SIMPLE_QUEUE -> new SimpleQueue<>(rt, e);
            case JOINABLE_QUEUE -> new JoinableQueue<>(rt, e);
            default -> new Queue<>(rt, e);
        };
    }

    /**
     * A new queue; {@code maxsize} 0 (or negative) means unbounded, as CPython's.
     */
    public static <E> Queue<E> create(String name, int maxsize) {
        SharedRuntime rt = SharedRuntime.get();
        return new Queue<>(rt, rt.entry(make(rt, PrimitiveKind.QUEUE, name, maxsize, 0)));
    }

    static int make(SharedRuntime rt, PrimitiveKind kind, String name, int maxsize, int flags) {
        int capacity = RING_BYTES;
        int max = Math.max(0, maxsize);
        return rt.create(kind, Ring.blockLength(capacity), name, -1, 0, max,
                b -> Ring.init(b.region(), b.offset(), capacity, max, flags)).index();
    }

    /** Its {@code maxsize}: 0 for an unbounded queue. */
    public int getMaxsize() {
        return ring.maxsize;
    }

    /**
     * Puts {@code item}, waiting as long as it takes for room in a bounded queue; an unbounded queue never waits.
     *
     * @throws IllegalStateException if this process closed the queue
     * @throws io.mpscope.multiprocessing.SerializationException if the item cannot be serialized (class and path)
     * Python: {@code q.put(item)}.
     */
    public void put(E item) throws InterruptedException {
        try {
            put(item, true, Long.MAX_VALUE);
        } catch (QueueFullException e) {
            throw new AssertionError("a put without a timeout cannot time out", e);
        }
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for room (negative means zero).
     *
     * @throws QueueFullException if the queue stayed full. Python: {@code q.put(item, timeout=t)}.
     */
    public void put(E item, Duration timeout) throws InterruptedException, QueueFullException {
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        put(item, true, System.nanoTime() + t);
    }

    /** Puts {@code item} only if there is room now. Python: {@code q.put_nowait(item)}. */
    public void putNowait(E item) throws QueueFullException {
        try {
            put(item, false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueFullException("interrupted");
        }
    }

    void put(E item, boolean block, long deadline) throws InterruptedException, QueueFullException {
        checkNotClosed();
        // A byte[] is not copied here: the ring copies it before put returns, and the backlog detaches it.
        ItemCodec.Encoded e = ItemCodec.encodeUncopied(item, itemWhat);
        beforePut();
        if (ring.maxsize > 0) {
            if (!ring.put(e, block, deadline)) {
                afterFailedPut();
                throw new QueueFullException("queue is full: queue=" + getName() + " maxsize=" + ring.maxsize);
            }
            return;
        }
        synchronized (feedLock) {
            if (backlog.isEmpty() && ring.put(e, false, 0)) {
                return; // the common case: room in the ring and nothing queued before it in this process
            }
            // The ring is full or the feeder has items to move first. While a consumer is taking, room comes within
            // microseconds: this put waits a little (at most THROTTLE_MAX_NANOS in all) for the feeder to empty the
            // backlog and for room, and writes the item itself, rather than copy it to the heap and hand it to the
            // feeder thread: a copy, a thread hand-off and garbage per item when a producer outruns its consumer
            // (2,000 items of 64 KiB made the child spend 0.5-1 s of a 1.5 s run in the garbage collector).
            boolean mayWait = block && consumerActive();
            long waitUntil = System.nanoTime() + THROTTLE_MAX_NANOS;
            if (mayWait && !backlog.isEmpty()) {
                awaitBacklog(0, waitUntil);
            }
            if (mayWait && backlog.isEmpty()) {
                try {
                    if (ring.put(e, true, waitUntil)) {
                        return;
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt(); // the item goes to the feeder: put itself never fails
                }
            }
            e = ItemCodec.detach(e, item);
            backlog.addLast(e);
            backlogBytes += cost(e);
            startFeeder();
            if (backlog.size() == 1) {
                feedLock.notifyAll(); // the feeder sleeps only on an empty backlog
            }
            if (mayWait && backlogBytes > BACKLOG_HIGH) {
                awaitBacklog(BACKLOG_LOW, System.nanoTime() + THROTTLE_MAX_NANOS);
            }
        }
    }

    /**
     * Bytes of a queue's ring ({@code -Dmpscope.queue.ringBytes}, a power of two >= 4096; default
     * {@link io.mpscope.multiprocessing.shm.QueueLayout#DEFAULT_CAPACITY}). Sparse until used, but a queue that has
     * carried that many bytes keeps them in shared memory until it is freed.
     */
    static final int RING_BYTES = Integer.getInteger("mpscope.queue.ringBytes", DEFAULT_CAPACITY);

    /** Backlog bytes above which a put gives the feeder a moment to catch up (see {@link #awaitBacklog}). */
    static final long BACKLOG_HIGH = 4 << 20;
    /** Backlog bytes at which a throttled put goes on. */
    static final long BACKLOG_LOW = 1 << 20;
    /** The longest a put waits for the feeder, whatever happens. */
    static final long THROTTLE_MAX_NANOS = 2_000_000;
    /** A queue nobody took from for this long has no active consumer: puts do not wait for the feeder. */
    static final long STALL_NANOS = 50_000_000;

    /** Whether some process took an item from the ring within {@link #STALL_NANOS}, as far as puts have seen. */
    private boolean consumerActive() {
        long takes = ring.takes();
        long now = System.nanoTime();
        if (takesSeen < 0) {
            // The first look: a ring something was taken from has a consumer, as far as one can tell yet.
            takesSeen = takes;
            takesMovedAt = takes > 0 ? now : now - STALL_NANOS;
            return takes > 0;
        }
        if (takes != takesSeen) {
            takesSeen = takes;
            takesMovedAt = now;
            return true;
        }
        return now - takesMovedAt < STALL_NANOS;
    }

    private static long cost(ItemCodec.Encoded e) {
        return e.payload().length + 64L;
    }

    /**
     * Waits (holding feedLock, which the wait releases) until the feeder has brought the backlog down to
     * {@code level} bytes or {@code deadline} passes. A put waits only while a consumer takes
     * ({@link #consumerActive()}): when nobody takes (nothing was taken from the ring for {@link #STALL_NANOS}),
     * an unbounded queue's put returns at once, as CPython's, piling items up in the backlog; and no put waits longer
     * than {@link #THROTTLE_MAX_NANOS}. The item is queued either way, so an interrupt only ends the wait (and
     * stays set).
     */
    private void awaitBacklog(long level, long deadline) {
        throttled++;
        try {
            while (backlogBytes > level && !backlog.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                feedLock.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            throttled--;
        }
    }

    /** Hook for JoinableQueue: counts the task before the item becomes visible. */
    void beforePut() {
    }

    void afterFailedPut() {
    }

    /** Moves items that did not fit in the ring yet, in order. */
    private void startFeeder() {
        if (feeder != null) {
            return;
        }
        feeder = new Thread(this::feed, "QueueFeederThread");
        feeder.setDaemon(true);
        feeder.start();
        if (!finalizerAdded) {
            finalizerAdded = true;
            ProcessRuntime.addExitFinalizer(this::flushAtExit);
        }
    }

    private void feed() {
        while (true) {
            ItemCodec.Encoded e;
            synchronized (feedLock) {
                while (backlog.isEmpty()) {
                    if (closed) {
                        feeder = null;
                        feedLock.notifyAll();
                        return;
                    }
                    try {
                        feedLock.wait(200);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
                e = backlog.peekFirst();
            }
            try {
                ring.put(e, true, Long.MAX_VALUE);
            } catch (InterruptedException ex) {
                return;
            }
            synchronized (feedLock) {
                backlog.pollFirst();
                backlogBytes -= cost(e);
                if (backlog.isEmpty() || (throttled > 0 && backlogBytes <= BACKLOG_LOW)) {
                    feedLock.notifyAll(); // for flushAtExit and throttled puts
                }
            }
        }
    }

    private void flushAtExit() {
        if (joinCancelled) {
            return;
        }
        synchronized (feedLock) {
            while (!backlog.isEmpty() && feeder != null && feeder.isAlive()) {
                try {
                    feedLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Takes the next item, waiting as long as it takes.
     *
     * @throws IllegalStateException if this process closed the queue
     * Python: {@code q.get()}.
     */
    public E get() throws InterruptedException {
        try {
            return get(true, Long.MAX_VALUE);
        } catch (QueueEmptyException e) {
            throw new AssertionError("a get without a timeout cannot time out", e);
        }
    }

    /**
     * Takes the next item, waiting at most {@code timeout} (negative means zero).
     *
     * @throws QueueEmptyException if none came. Python: {@code q.get(timeout=t)}.
     */
    public E get(Duration timeout) throws InterruptedException, QueueEmptyException {
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        return get(true, System.nanoTime() + t);
    }

    /** Takes the next item if there is one now. Python: {@code q.get_nowait()}. */
    public E getNowait() throws QueueEmptyException {
        try {
            return get(false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueEmptyException("interrupted");
        }
    }

    @SuppressWarnings("unchecked")
    E get(boolean block, long deadline) throws InterruptedException, QueueEmptyException {
        checkNotClosed();
        Object o;
        try {
            o = ring.take(block, deadline, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a queue item: queue=" + getName(), e);
        }
        if (o == Ring.EMPTY) {
            throw new QueueEmptyException("queue is empty: queue=" + getName());
        }
        return (E) o;
    }

    /**
     * The number of items: those in shared memory plus those this process's feeder has not moved yet. A moment's
     * figure. Python: {@code q.qsize()} (which works on macOS here too).
     */
    public int qsize() {
        synchronized (feedLock) {
            return ring.size() + backlog.size();
        }
    }

    /** True if there is no item. Python: {@code q.empty()}. */
    public boolean empty() {
        synchronized (feedLock) {
            return ring.isEmpty() && backlog.isEmpty();
        }
    }

    /** True if a bounded queue holds {@code maxsize} items. Python: {@code q.full()}. */
    public boolean full() {
        return ring.maxsize > 0 && qsize() >= ring.maxsize;
    }

    /**
     * This process will put no more items: the feeder flushes what is left and stops. Other processes are not
     * affected. Python: {@code q.close()}.
     */
    public void close() {
        closed = true;
        synchronized (feedLock) {
            feedLock.notifyAll();
        }
    }

    /**
     * Waits until the feeder thread has moved every item this process put into shared memory.
     *
     * @throws IllegalStateException if the queue was not closed first (CPython's assertion)
     * Python: {@code q.join_thread()}.
     */
    public void joinThread() throws InterruptedException {
        if (!closed) {
            throw new IllegalStateException("join_thread() needs close() first: queue=" + getName());
        }
        Thread t;
        synchronized (feedLock) {
            t = feeder;
        }
        if (t != null) {
            t.join();
        }
    }

    /**
     * Lets this process exit without waiting for its feeder to flush (items not yet moved are lost).
     * Python: {@code q.cancel_join_thread()}.
     */
    public void cancelJoinThread() {
        joinCancelled = true;
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("Queue " + this + " is closed");
        }
    }

    @Override
    public String toString() {
        return "<" + kind.pythonName() + " name='" + getName() + "' size=" + qsize()
                + (ring.maxsize > 0 ? " maxsize=" + ring.maxsize : "") + ">";
    }
}
