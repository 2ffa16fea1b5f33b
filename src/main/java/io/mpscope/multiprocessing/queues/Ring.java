package io.mpscope.multiprocessing.queues;

import static io.mpscope.multiprocessing.shm.QueueLayout.*;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.shm.CpuHop;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SegmentArena;
import io.mpscope.multiprocessing.synchronize.Lock;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The record ring under every queue and pipe direction ({@link io.mpscope.multiprocessing.shm.QueueLayout}): put
 * and take byte records, with the two-lock protocol, blocking with futexes, and large items in files of their own.
 * Library internal: {@link Queue}, {@link SimpleQueue}, {@link JoinableQueue} and the pipe's connections build CPython's
 * semantics on it.
 *
 * <p>Crash safety: a record becomes visible with one release store of {@code tail}, after its bytes; a producer
 * killed before that store leaves nothing visible, and the next producer, after taking the put lock over from the
 * dead one, writes over the partial bytes. A consumer commits with a release store of {@code head} after copying.
 */
public final class Ring {
    /** What {@link #take} returns when the ring is empty and the caller does not wait. */
    public static final Object EMPTY = new Object();
    /** What {@link #take} returns at end of file (a pipe whose writer closed or died, drained). */
    public static final Object EOF = new Object();

    /** A wait's whole look before it sleeps ({@code -Dmpscope.ring.spinNanos}); see {@link #awaitMove}. */
    private static final long SPIN_NANOS = Long.getLong("mpscope.ring.spinNanos", 500_000);
    /** The first part of the look, spinning without yielding ({@code -Dmpscope.ring.pureSpinNanos}). */
    private static final long PURE_SPIN_NANOS = Long.getLong("mpscope.ring.pureSpinNanos", 50_000);
    /** Waits that skip the yielding after a look that found nothing. */
    private static final int SLEEP_SOON = 16;
    private static final long SLICE_NANOS = 50_000_000;

    public final SharedRuntime rt;
    public final MappedRegion r;
    public final int base;
    public final int index;
    final int capacity;
    final int mask;
    final int maxsize;
    private final int data;
    private final Lock putLock;
    private final Lock getLock;
    /**
     * The head this process's producers last read (under the put lock): a lower bound of the real head, so space
     * computed from it is never too much; read again only when the ring looks full by it.
     */
    private long headSeen;
    /** The tail this process's consumers last read (under the get lock): records below it are committed. */
    private long tailSeen;

    public Ring(SharedRuntime rt, MappedRegion r, int base, int index) {
        this.rt = rt;
        this.r = r;
        this.base = base;
        this.index = index;
        this.capacity = r.getIntPlain(base + CAPACITY_OFFSET);
        this.mask = capacity - 1;
        this.maxsize = r.getIntPlain(base + MAXSIZE_OFFSET);
        this.data = base + HEADER_LENGTH;
        this.putLock = Lock.embedded(rt, r, base + PUT_LOCK_OFFSET, index);
        this.getLock = Lock.embedded(rt, r, base + GET_LOCK_OFFSET, index);
    }

    /** Writes the header of a new ring into a zeroed block. */
    public static void init(MappedRegion r, int base, int capacity, int maxsize, int flags) {
        if (Integer.bitCount(capacity) != 1 || capacity < 4096) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 4096: capacity=" + capacity);
        }
        r.setIntPlain(base + CAPACITY_OFFSET, capacity);
        r.setIntPlain(base + MAXSIZE_OFFSET, maxsize);
        r.setIntPlain(base + FLAGS_OFFSET, flags);
    }

    /**
     * Maps this ring's pages into this process now, by reading a byte of each 4 KiB page (nothing is written). A
     * ring's memory is sparse until used, and here each process's first touch of a page cost 12-16 us: the first
     * pass of a pool's maps over its rings took several milliseconds of page faults in the pool and in each worker.
     * Called on a background thread while the ring is still idle; the data read is ignored.
     *
     * @return the sum of the bytes read (only so that the reads are not optimised away)
     */
    public int prefault() {
        int sum = 0;
        for (int off = 0; off < capacity; off += 4096) {
            sum += r.getBytePlain(data + off);
        }
        return sum;
    }

    /** Bytes of a block holding a ring of {@code capacity}. */
    public static int blockLength(int capacity) {
        return HEADER_LENGTH + capacity;
    }

    /** Items in the ring now (committed and not yet taken). */
    public int size() {
        return items(r, base);
    }

    /** Items taken from the ring since it was made (a statistic; a moment's figure). */
    public long takes() {
        return r.getLongVolatile(base + GETS_OFFSET);
    }

    /** Bytes of committed records not yet taken (with padding; a moment's figure). */
    public long usedBytes() {
        return r.getLongAcquire(base + TAIL_OFFSET) - r.getLongAcquire(base + HEAD_OFFSET);
    }

    /** The ring's length in bytes. */
    public int capacity() {
        return capacity;
    }

    public boolean isEmpty() {
        return r.getLongAcquire(base + HEAD_OFFSET) == r.getLongAcquire(base + TAIL_OFFSET);
    }

    /** What {@link #whilePutLocked} runs. */
    @FunctionalInterface
    public interface Locked {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code action} while holding this ring's put lock: puts by other threads and processes wait until it
     * returns. For warm-ups, whose producers must take the lock's wait paths before the JIT compiles them.
     */
    public void whilePutLocked(Locked action) throws InterruptedException {
        putLock.acquire();
        try {
            action.run();
        } finally {
            putLock.release();
        }
    }

    /**
     * Puts one encoded item. Waits while the ring is full (bytes) or holds {@code maxsize} items, until
     * {@code deadline} (System.nanoTime; Long.MAX_VALUE: no limit) unless {@code block} is false.
     *
     * @return false if it did not fit in time
     */
    public boolean put(ItemCodec.Encoded e, boolean block, long deadline) throws InterruptedException {
        int tag = e.tag();
        byte[] payload = e.payload();
        SegmentArena.Blob blob = null;
        if (payload.length > maxInline(capacity)) {
            blob = writeBlob(payload);
            ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            d.putLong(payload.length).putInt(blob.segment()).putInt(tag);
            payload = d.array();
            tag = TAG_BLOB;
        }
        int need = recordLength(payload.length);
        boolean committed = false;
        if (!putLock.tryAcquire()) {
            if (!block) {
                deleteQuietly(blob);
                return false;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left == Long.MAX_VALUE) {
                putLock.acquire();
            } else if (left <= 0 || !putLock.tryAcquire(java.time.Duration.ofNanos(left))) {
                deleteQuietly(blob);
                return false;
            }
        }
        try {
            int waitRow = -1;
            boolean looked = false;
            try {
                while (true) {
                    long tail = r.getLongPlain(base + TAIL_OFFSET);
                    int pos = (int) (tail & mask);
                    int toEnd = capacity - pos;
                    int pad = need > toEnd ? toEnd : 0;
                    long head = headSeen;
                    if (tail + pad + need - head > capacity) {
                        head = r.getLongAcquire(base + HEAD_OFFSET);
                        headSeen = head;
                    }
                    boolean bytesFull = tail + pad + need - head > capacity;
                    boolean full = bytesFull || (maxsize > 0 && r.getLongPlain(base + PUTS_OFFSET)
                            - r.getLongVolatile(base + GETS_OFFSET) >= maxsize);
                    if (!full) {
                        if (pad > 0) {
                            r.setIntPlain(data + pos, pad - RECORD_HEADER);
                            r.setIntPlain(data + pos + 4, TAG_PAD);
                            tail += pad;
                            pos = 0;
                        }
                        r.putBytes(data + pos + RECORD_HEADER, payload, 0, payload.length);
                        r.setIntPlain(data + pos, payload.length);
                        r.setIntPlain(data + pos + 4, tag);
                        r.setLongRelease(base + TAIL_OFFSET, tail + need); // the commit
                        committed = true;
                        r.setLongPlain(base + PUTS_OFFSET, r.getLongPlain(base + PUTS_OFFSET) + 1);
                        r.setLongPlain(base + BYTES_IN_OFFSET, r.getLongPlain(base + BYTES_IN_OFFSET)
                                + e.payload().length);
                        break;
                    }
                    if (!block) {
                        return false;
                    }
                    if (waitRow < 0) {
                        waitRow = rt.beginWait(index, RegistryLayout.WAIT_PUT);
                    }
                    // A ring full of bytes is waited on until a quarter of it is free (the consumer wakes a
                    // sleeping producer at the same mark): the producer then writes a batch. Waiting for the first
                    // free record instead made producer and consumer take turns record by record, each pulling the
                    // other's cache lines (a 1 KiB item stream ran at a quarter of its speed). A queue full of
                    // items (maxsize) goes on as soon as one item is taken.
                    long target = bytesFull ? Math.max(tail + pad + need - capacity, tail - (capacity - capacity / 4))
                            : head + 1;
                    if (!awaitSpace(target, deadline, !looked)) {
                        return false;
                    }
                    looked = true;
                }
            } finally {
                if (waitRow >= 0) {
                    rt.endWait(waitRow);
                }
            }
        } finally {
            putLock.release();
            if (!committed) {
                deleteQuietly(blob);
            }
        }
        // A full fence: the tail store is visible before the waiters count is read (a consumer adds itself to the
        // waiters before it reads the tail), so a commit and a consumer going to sleep cannot miss each other.
        VarHandle.fullFence();
        if (r.getIntVolatile(base + NOT_EMPTY_WAITERS_OFFSET) > 0
                && r.getIntVolatile(base + NOT_EMPTY_PENDING_OFFSET) == 0
                && r.compareAndSetInt(base + NOT_EMPTY_PENDING_OFFSET, 0, 1)) {
            publishWakerCpu(NOT_EMPTY_WAKER_CPU_OFFSET);
            r.getAndAddInt(base + NOT_EMPTY_SEQ_OFFSET, 1);
            Futex.wake(r, base + NOT_EMPTY_SEQ_OFFSET, 1);
        }
        return true;
    }

    /** Waits (holding the put lock) until the head reaches {@code target}; false if the deadline passed. */
    private boolean awaitSpace(long target, long deadline, boolean look) throws InterruptedException {
        return awaitMove(HEAD_OFFSET, target, NOT_FULL_WAITERS_OFFSET, SPACE_SEQ_OFFSET, SPACE_PENDING_OFFSET,
                deadline, look);
    }

    /** How long a wait looks before it sleeps; see {@link #spinBeforeSleeping}. */
    private long spinNanos = SPIN_NANOS;
    /** Per side (0: producers waiting for room, 1: consumers waiting for an item): waits left that skip yielding. */
    private final int[] sleepSoon = new int[2];

    /**
     * Sets how long this process's waits on this ring look for the other side before they sleep (default 500 us:
     * {@link #PURE_SPIN_NANOS} spinning, then yielding). A pool sets 100 us on its rings (see
     * {@code PoolWorker.SPIN_NANOS}); a manager's channel 0 (it yields in {@code ChannelSpin} instead). 0: no look, no
     * wake-CPU hop.
     */
    public Ring spinBeforeSleeping(long nanos) {
        this.spinNanos = Math.max(0, nanos);
        return this;
    }

    /**
     * Waits until the long at {@code watched} reaches {@code target} (the other side committed): a look, then the
     * futex protocol on {@code seqOff} with a waiters count and a pending-wake flag (see the layout).
     *
     * <p>The look, on a wait's first call ({@code look}): {@link #PURE_SPIN_NANOS} of spinning, which catches a
     * round trip between two running processes; then yielding the CPU between looks up to {@link #spinNanos}. Why
     * yield rather than sleep at once: on this project's 2-CPU virtual machines the scheduler puts a thread woken by
     * a futex on its waker's CPU, and there it stays while the two keep waking each other, although the other CPU is
     * idle: producer and consumer then take turns on one CPU (seen with {@code perf sched}: a 64 KiB stream ran at
     * 25-44k items/s, its two threads on one CPU; 50-72k when apart). A yield lets a peer on this CPU run at once,
     * and a commit that arrives during a yield that ran another thread tells the waiter it shares its CPU with the
     * peer: it then moves to another CPU ({@link CpuHop}). A look that finds nothing in the whole budget makes the
     * side's next {@link #SLEEP_SOON} waits skip the yielding, so an idle consumer does not burn a CPU.
     *
     * @return false if the deadline passed first; true to make the caller look again
     */
    private boolean awaitMove(int watched, long target, int waitersOff, int seqOff, int pendingOff, long deadline,
            boolean look) throws InterruptedException {
        if (look && spinNanos > 0) {
            int side = watched == HEAD_OFFSET ? 0 : 1;
            long start = System.nanoTime();
            long pureEnd = start + Math.min(spinNanos, PURE_SPIN_NANOS);
            long end = sleepSoon[side] > 0 ? pureEnd : start + spinNanos;
            long t;
            while ((t = System.nanoTime()) - end < 0) {
                if (r.getLongAcquire(base + watched) >= target) {
                    return true;
                }
                if (t - pureEnd < 0) {
                    Thread.onSpinWait();
                } else if (CpuHop.yieldSwitched() && r.getLongAcquire(base + watched) >= target) {
                    CpuHop.hop(); // the other side ran on this CPU during the yield: move off it
                    return true;
                }
            }
            sleepSoon[side] = end == pureEnd ? Math.max(0, sleepSoon[side] - 1) : SLEEP_SOON;
        }
        r.getAndAddInt(base + waitersOff, 1);
        try {
            int seq = r.getIntVolatile(base + seqOff);
            if (r.getLongVolatile(base + watched) >= target) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Futex.await(r, base + seqOff, seq, Math.min(deadline - now, SLICE_NANOS));
            if (r.getIntVolatile(base + seqOff) != seq) {
                hopIfOnWakersCpu(watched == HEAD_OFFSET ? SPACE_WAKER_CPU_OFFSET : NOT_EMPTY_WAKER_CPU_OFFSET);
            }
            return deadline == Long.MAX_VALUE || System.nanoTime() < deadline
                    || r.getLongVolatile(base + watched) >= target;
        } finally {
            r.getAndAddInt(base + waitersOff, -1);
            // Whatever woke it (or whether it slept at all), this thread is about to look again: the next commit may
            // wake someone. Left set, the flag would make the other side skip the wake-up of the next sleeper, which
            // then sleeps a whole slice.
            r.setIntVolatile(base + pendingOff, 0);
        }
    }

    /**
     * Before a futex wake on a ring whose waits spin: writes this thread's CPU beside the futex word, for
     * {@link #hopIfOnWakersCpu}. Rings that do not spin (a manager's channel) skip it: the hop was measured only
     * together with the yielding look (a pool's rings without it: apply round trips 49-84 us with the hop, 34-51
     * without; with the look and the hop, 11-14 us).
     */
    private void publishWakerCpu(int offset) {
        if (spinNanos > 0) {
            r.setIntRelease(base + offset, CpuHop.cpu() + 1);
        }
    }

    /**
     * After a futex sleep that a wake-up ended: if the kernel put this thread on its waker's CPU, moves it to another.
     * Why: the scheduler on this project's 2-CPU virtual machines puts a thread woken by a futex on its waker's CPU
     * and leaves it there while the other CPU idles; the two sides of a stream then take turns on one CPU. Seen with
     * {@code perf sched} in a 64 KiB queue stream: a rep whose producer and consumer both ran on CPU 0 for 108 ms
     * (never at the same time) while CPU 1 was idle for 78 ms of it, and 40-ms reps with the two apart. The yielding
     * look ({@link #awaitMove}) catches the same case only when the item comes during a yield; a waiter that slept
     * never yielded. Measured (3 alternating runs of 8 reps of 2,000 64 KiB items): medians 1934-2255 MB/s without,
     * 2098-2825 with. At most one hop per 5 ms per process ({@link CpuHop}). Only on rings whose waits spin, as
     * {@link #publishWakerCpu}.
     */
    private void hopIfOnWakersCpu(int offset) {
        if (spinNanos <= 0) {
            return;
        }
        int waker = r.getIntVolatile(base + offset) - 1;
        if (waker >= 0 && CpuHop.cpu() == waker) {
            CpuHop.hop();
        }
    }

    /**
     * Takes one item and decodes it. Waits while the ring is empty until {@code deadline} unless {@code block} is
     * false. {@code eof}, if given, is asked whether no more items can come (a pipe's writer closed, cheaply, each
     * time the ring is empty; or died, after a wait slice passed with nothing).
     *
     * @return the item, {@link #EMPTY} if none came in time, or {@link #EOF}
     * @throws IOException if the record cannot be decoded (it is consumed)
     */
    public Object take(boolean block, long deadline, EndCheck eof)
            throws InterruptedException, IOException {
        Raw raw = takeRaw(block, deadline, eof);
        if (raw == null) {
            return EMPTY;
        }
        if (raw == Raw.END) {
            return EOF;
        }
        return raw.decode();
    }

    /** Whether no item can come any more (a pipe's writing end is closed everywhere). */
    @FunctionalInterface
    public interface EndCheck {
        /**
         * @param thorough false: a cheap look (every holder closed its end); true: also count holders that died
         *                 (costs a read of /proc per holder)
         */
        boolean isEnd(boolean thorough);
    }

    /** A record's tag and payload. */
    public record Raw(int tag, byte[] payload, int smallInt) {
        public static final Raw END = new Raw(-1, new byte[0], 0);

        Raw(int tag, byte[] payload) {
            this(tag, payload, 0);
        }

        /** The payload bytes (an int read in place is turned back into its 4 bytes). */
        @Override
        public byte[] payload() {
            return payload != null ? payload
                    : ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(smallInt).array();
        }

        /** The decoded item. */
        public Object decode() throws IOException {
            return payload == null ? (Object) smallInt : ItemCodec.decode(tag, payload);
        }
    }

    /** As {@link #take}, without decoding: null when empty, {@link Raw#END} at end of file. */
    public Raw takeRaw(boolean block, long deadline, EndCheck eof)
            throws InterruptedException, IOException {
        if (!getLock.tryAcquire()) {
            if (!block) {
                return null;
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left == Long.MAX_VALUE) {
                getLock.acquire();
            } else if (left <= 0 || !getLock.tryAcquire(java.time.Duration.ofNanos(left))) {
                return null;
            }
        }
        int tag;
        byte[] payload;
        int smallInt = 0;
        boolean fullEofCheck = false;
        try {
            int waitRow = -1;
            boolean looked = false;
            try {
                while (true) {
                    long head = r.getLongPlain(base + HEAD_OFFSET);
                    long tail = tailSeen;
                    if (head >= tail) { // all this process knew of is taken (by it or by other consumers): look
                        tail = r.getLongAcquire(base + TAIL_OFFSET);
                        tailSeen = tail;
                    }
                    if (head != tail) {
                        int pos = (int) (head & mask);
                        int len = r.getIntPlain(data + pos);
                        tag = r.getIntPlain(data + pos + 4);
                        if (len < 0 || len > capacity - RECORD_HEADER || len > tail - head - RECORD_HEADER) {
                            throw new IllegalStateException("malformed queue record: queue=" + rt.name(index)
                                    + " length=" + len + " tag=" + tag + " head=" + head + " tail=" + tail);
                        }
                        if (tag == TAG_PAD) {
                            r.setLongRelease(base + HEAD_OFFSET, head + RECORD_HEADER + len);
                            continue;
                        }
                        if (len == 4 && tag == ItemCodec.INT) {
                            payload = null; // the common small int: read in place below, no array
                            smallInt = r.getIntPlain(data + pos + RECORD_HEADER);
                        } else {
                            payload = new byte[len];
                            r.getBytes(data + pos + RECORD_HEADER, payload, 0, len);
                        }
                        r.setLongRelease(base + HEAD_OFFSET, head + recordLength(len)); // the commit
                        r.setLongPlain(base + GETS_OFFSET, r.getLongPlain(base + GETS_OFFSET) + 1);
                        break;
                    }
                    if (!block) {
                        return null;
                    }
                    // End of file: asked cheaply each time (every writer closed), and fully (a writer died) only
                    // after a wait slice passed with nothing, since that costs a read of /proc.
                    if (eof != null && eof.isEnd(fullEofCheck) && r.getLongAcquire(base + TAIL_OFFSET) <= head) {
                        return Raw.END;
                    }
                    if (waitRow < 0) {
                        waitRow = rt.beginWait(index, RegistryLayout.WAIT_GET);
                    }
                    long waited = System.nanoTime();
                    if (!awaitItem(head, deadline, !looked)) {
                        return null;
                    }
                    looked = true;
                    fullEofCheck = System.nanoTime() - waited >= SLICE_NANOS / 2
                            && r.getLongAcquire(base + TAIL_OFFSET) == head;
                }
            } finally {
                if (waitRow >= 0) {
                    rt.endWait(waitRow);
                }
            }
        } finally {
            getLock.release();
        }
        VarHandle.fullFence(); // as in put: the head store is visible before the waiters count is read
        // Wake the producer waiting for room once there is a quarter of the ring free (or an item less, for a
        // bounded queue), and only if no wake-up is in flight: it then writes a batch instead of one record per get.
        if (r.getIntVolatile(base + NOT_FULL_WAITERS_OFFSET) > 0
                && (maxsize > 0 || r.getLongVolatile(base + TAIL_OFFSET) - r.getLongVolatile(base + HEAD_OFFSET)
                <= capacity - capacity / 4)
                && r.getIntVolatile(base + SPACE_PENDING_OFFSET) == 0
                && r.compareAndSetInt(base + SPACE_PENDING_OFFSET, 0, 1)) {
            publishWakerCpu(SPACE_WAKER_CPU_OFFSET);
            r.getAndAddInt(base + SPACE_SEQ_OFFSET, 1);
            Futex.wake(r, base + SPACE_SEQ_OFFSET, 1);
        }
        if (payload == null) {
            r.setLongPlain(base + BYTES_OUT_OFFSET, r.getLongPlain(base + BYTES_OUT_OFFSET) + 4);
            return new Raw(ItemCodec.INT, null, smallInt);
        }
        if (tag == TAG_BLOB) {
            ByteBuffer d = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            long length = d.getLong();
            int segment = d.getInt();
            int realTag = d.getInt();
            payload = readBlob(segment, length);
            tag = realTag;
        }
        r.setLongPlain(base + BYTES_OUT_OFFSET, r.getLongPlain(base + BYTES_OUT_OFFSET) + payload.length);
        return new Raw(tag, payload);
    }

    /** Waits (holding the get lock) until a producer commits; false if the deadline passed. */
    private boolean awaitItem(long head, long deadline, boolean look) throws InterruptedException {
        return awaitMove(TAIL_OFFSET, head + 1, NOT_EMPTY_WAITERS_OFFSET, NOT_EMPTY_SEQ_OFFSET, NOT_EMPTY_PENDING_OFFSET,
                deadline, look);
    }

    private SegmentArena.Blob writeBlob(byte[] payload) {
        SegmentArena.Blob b = rt.arena().newBlob();
        try {
            Files.createFile(b.path(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(b.path(), StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(payload);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            return b;
        } catch (IOException e) {
            deleteQuietly(b);
            throw new UncheckedIOException("cannot write a large queue item: queue=" + rt.name(index) + " bytes="
                    + payload.length, e);
        }
    }

    private byte[] readBlob(int segment, long length) throws IOException {
        Path p = rt.arena().blobPath(segment);
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException("malformed large item: length=" + length);
        }
        byte[] b = new byte[(int) length];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new IOException("large item file is shorter than its record: path=" + p + " expected="
                            + length);
                }
            }
        } finally {
            Files.deleteIfExists(p);
        }
        return b;
    }

    private static void deleteQuietly(SegmentArena.Blob b) {
        if (b != null) {
            try {
                Files.deleteIfExists(b.path());
            } catch (IOException ignored) {
                // the session's clean-up removes it
            }
        }
    }
}
