package io.mpscope.multiprocessing.connection;

import static io.mpscope.multiprocessing.shm.QueueLayout.*;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One end of a {@link Pipe}: {@code send}/{@code recv} objects, {@code sendBytes}/{@code recvBytes} raw messages,
 * {@code poll} for data. Each direction is a ring in shared memory; a message is whole or absent, never torn. It
 * travels to a child when a Process target captures it, as CPython's Connection does.
 *
 * <p>End of file, as CPython: {@code recv} throws {@link EOFException} once the ring is drained and no process holds
 * the other end open any more (each process that holds it counts; one that died counts as closed, so a killed writer
 * is an EOF, not a hang). {@code send} to an end nobody can read throws an {@link IOException} ("broken pipe").
 *
 * <p>Thread-safe: several threads may send (or receive) on one end; each message goes whole. Python:
 * {@code multiprocessing.connection.Connection}.
 */
public final class Connection implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;
    /** Per process: how many open Connection objects hold each (ring, side); the registry row follows it. */
    private static final Map<OpenKey, Integer> OPEN = new ConcurrentHashMap<>();

    /**
     * A (ring, side) of one runtime: a standby JVM's warm-up opens pipes on a runtime of no session, whose directory
     * indices would otherwise be counted as the session's.
     */
    private record OpenKey(SharedRuntime rt, int index, int side) {
    }

    private final String session;
    private final int readIndex;
    private final int writeIndex;
    private final transient SharedRuntime rt;
    private final transient Ring in;
    private final transient Ring out;
    private transient volatile boolean closed;

    Connection(SharedRuntime rt, int readIndex, int writeIndex) {
        this.rt = rt;
        this.session = rt.sessionId();
        this.readIndex = readIndex;
        this.writeIndex = writeIndex;
        this.in = readIndex >= 0 ? ring(rt, readIndex) : null;
        this.out = writeIndex >= 0 ? ring(rt, writeIndex) : null;
        if (in != null) {
            open(in, READERS_OFFSET);
        }
        if (out != null) {
            open(out, WRITERS_OFFSET);
        }
    }

    private static Ring ring(SharedRuntime rt, int index) {
        SharedRuntime.Entry e = rt.entry(index);
        return new Ring(rt, e.region(), e.base(), index);
    }

    /**
     * Sets how long this end's waits (for a message, or for room to send) spin before they sleep on the futex
     * (default 100 us; see {@link Ring#spinBeforeSleeping}). Library tuning for request-reply channels on a machine
     * with few CPUs, where a spinning waiter holds the CPU its peer needs to answer. Returns this end.
     */
    public Connection spinBeforeSleeping(long nanos) {
        if (in != null) {
            in.spinBeforeSleeping(nanos);
        }
        if (out != null) {
            out.spinBeforeSleeping(nanos);
        }
        return this;
    }

    /** True if this end can receive. */
    public boolean isReadable() {
        return in != null;
    }

    /** True if this end can send. */
    public boolean isWritable() {
        return out != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Sends {@code obj} (serialized here: an object that cannot be serialized fails here, naming its class and field
     * path). Waits only while the other end's ring is full.
     *
     * @throws IOException if nobody holds the other end open any more ("broken pipe")
     * Python: {@code conn.send(obj)}.
     */
    public void send(Object obj) throws IOException, InterruptedException {
        checkWritable();
        write(ItemCodec.encodeUncopied(obj, "message on " + name(out))); // copied into the ring before send returns
    }

    /** Sends {@code buf} as one raw message. Python: {@code conn.send_bytes(buf)}. */
    public void sendBytes(byte[] buf) throws IOException, InterruptedException {
        sendBytes(buf, 0, buf.length);
    }

    /** Sends {@code len} bytes of {@code buf} from {@code offset} as one raw message. */
    public void sendBytes(byte[] buf, int offset, int len) throws IOException, InterruptedException {
        checkWritable();
        if (offset < 0 || len < 0 || offset + len > buf.length) {
            throw new IndexOutOfBoundsException("buffer length is " + buf.length + ", offset=" + offset + " size="
                    + len);
        }
        // the ring copies the bytes before this returns: the whole array needs no copy of its own
        write(new ItemCodec.Encoded(ItemCodec.BYTES, offset == 0 && len == buf.length ? buf
                : java.util.Arrays.copyOfRange(buf, offset, offset + len)));
    }

    private void write(ItemCodec.Encoded e) throws IOException, InterruptedException {
        long now = System.nanoTime();
        if (now - readerCheckedAt > READER_CHECK_NANOS || !anyHolder(out, READERS_OFFSET, PENDING_READERS_OFFSET)) {
            // who reads is looked up in /proc at most every 50 ms: a send is a few hundred nanoseconds otherwise
            if (!anyAlive(out, READERS_OFFSET, PENDING_READERS_OFFSET)) {
                throw new IOException("broken pipe: nobody holds the reading end open: pipe=" + name(out));
            }
            readerCheckedAt = now;
        }
        out.put(e, true, Long.MAX_VALUE);
    }

    private static final long READER_CHECK_NANOS = 50_000_000;
    private transient long readerCheckedAt = Long.MIN_VALUE / 2;

    /**
     * Receives the next object, waiting as long as it takes.
     *
     * @throws EOFException when nothing is left and no process holds the other end open
     * Python: {@code conn.recv()}.
     */
    public Object recv() throws IOException, InterruptedException {
        return read(Long.MAX_VALUE).decode();
    }

    /** Receives the next message as raw bytes (a message sent with {@code send} comes as its encoded bytes). */
    public byte[] recvBytes() throws IOException, InterruptedException {
        return read(Long.MAX_VALUE).payload();
    }

    /**
     * As {@link #recvBytes()}, failing if the message is longer than {@code maxLength} (the pipe is then closed, as
     * CPython's).
     */
    public byte[] recvBytes(int maxLength) throws IOException, InterruptedException {
        byte[] b = recvBytes();
        if (b.length > maxLength) {
            close();
            throw new IOException("bad message length: length=" + b.length + " maxlength=" + maxLength);
        }
        return b;
    }

    /**
     * Receives the next message into {@code buf} at {@code offset}; returns its length.
     *
     * @throws BufferTooShortException if it does not fit (the message is in the exception)
     * Python: {@code conn.recv_bytes_into(buf, offset)}.
     */
    public int recvBytesInto(byte[] buf, int offset) throws IOException, InterruptedException {
        if (offset < 0 || offset > buf.length) {
            throw new IndexOutOfBoundsException("offset out of bounds: offset=" + offset + " length=" + buf.length);
        }
        byte[] b = recvBytes();
        if (b.length > buf.length - offset) {
            throw new BufferTooShortException("message too long for the buffer: message=" + b.length + " room="
                    + (buf.length - offset), b);
        }
        System.arraycopy(b, 0, buf, offset, b.length);
        return b.length;
    }

    private Ring.Raw read(long deadline) throws IOException, InterruptedException {
        checkReadable();
        Ring.Raw raw = in.takeRaw(true, deadline, thorough -> thorough
                ? !anyAlive(in, WRITERS_OFFSET, PENDING_WRITERS_OFFSET)
                : !anyHolder(in, WRITERS_OFFSET, PENDING_WRITERS_OFFSET));
        if (raw == null) {
            throw new IOException("timed out");
        }
        if (raw == Ring.Raw.END) {
            throw new EOFException("end of file: nobody holds the sending end open: pipe=" + name(in));
        }
        return raw;
    }

    /** True if a message is waiting now (or the pipe is at end of file). Python: {@code conn.poll()}. */
    public boolean poll() {
        return poll(Duration.ZERO);
    }

    /**
     * Waits at most {@code timeout} for a message (or end of file); does not consume it.
     * Python: {@code conn.poll(timeout)}.
     */
    public boolean poll(Duration timeout) {
        checkReadable();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        long step = 20_000;
        long fullCheck = System.nanoTime();
        while (true) {
            if (!in.isEmpty() || !anyHolder(in, WRITERS_OFFSET, PENDING_WRITERS_OFFSET)) {
                return true;
            }
            if (System.nanoTime() - fullCheck >= READER_CHECK_NANOS) {
                fullCheck = System.nanoTime();
                if (!anyAlive(in, WRITERS_OFFSET, PENDING_WRITERS_OFFSET)) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(step, left));
            step = Math.min(step * 2, 2_000_000);
        }
    }

    /** Closes this end in this process; the other end sees EOF once every holder has closed it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (in != null) {
            release(in, READERS_OFFSET);
        }
        if (out != null) {
            release(out, WRITERS_OFFSET);
        }
    }

    private void checkReadable() {
        if (closed) {
            throw new IllegalStateException("handle is closed");
        }
        if (in == null) {
            throw new IllegalStateException("connection is write-only");
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("handle is closed");
        }
        if (out == null) {
            throw new IllegalStateException("connection is read-only");
        }
    }

    private String name(Ring r) {
        return rt.name(r.index);
    }

    // ---- who holds each end open

    private static OpenKey key(Ring r, int side) {
        return new OpenKey(r.rt, r.index, side);
    }

    private void open(Ring r, int side) {
        if (OPEN.merge(key(r, side), 1, Integer::sum) == 1) {
            long me = rt.ownerId() & 0xFFFFFFFF00000000L;
            for (int i = 0; i < END_ROWS; i++) {
                int off = r.base + side + 8 * i;
                if (r.r.getLongVolatile(off) == me) {
                    return;
                }
            }
            for (int i = 0; i < END_ROWS; i++) {
                int off = r.base + side + 8 * i;
                long cur = r.r.getLongVolatile(off);
                if ((cur == 0 || rt.isDead(cur)) && r.r.compareAndSetLong(off, cur, me)) {
                    return;
                }
            }
            throw new IllegalStateException("too many processes hold this pipe end: max=" + END_ROWS);
        }
    }

    private void release(Ring r, int side) {
        if (OPEN.merge(key(r, side), -1, Integer::sum) <= 0) {
            OPEN.remove(key(r, side));
            long me = rt.ownerId() & 0xFFFFFFFF00000000L;
            for (int i = 0; i < END_ROWS; i++) {
                int off = r.base + side + 8 * i;
                r.r.compareAndSetLong(off, me, 0);
            }
            if (side == WRITERS_OFFSET) {
                // a reader asleep on an empty ring looks again, and sees the end of file if this was the last writer
                r.r.getAndAddInt(r.base + NOT_EMPTY_SEQ_OFFSET, 1);
                io.mpscope.multiprocessing.shm.Futex.wake(r.r, r.base + NOT_EMPTY_SEQ_OFFSET, Integer.MAX_VALUE);
            }
        }
    }

    /** True if some process is listed as holding the {@code side} end open (alive or not), or a handle is on its way. */
    private static boolean anyHolder(Ring r, int side, int pendingOff) {
        if (r.r.getIntVolatile(r.base + pendingOff) > 0) {
            return true;
        }
        for (int i = 0; i < END_ROWS; i++) {
            if (r.r.getLongVolatile(r.base + side + 8 * i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True if some live process holds the {@code side} end of {@code r} open, or a handle to it is on its way. */
    private boolean anyAlive(Ring r, int side, int pendingOff) {
        if (r.r.getIntVolatile(r.base + pendingOff) > 0) {
            return true;
        }
        for (int i = 0; i < END_ROWS; i++) {
            long id = r.r.getLongVolatile(r.base + side + 8 * i);
            if (id != 0 && (rt.isThisProcess(id) || !rt.isDead(id))) {
                return true;
            }
        }
        return false;
    }

    // ---- travel

    private Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new java.io.NotSerializableException("a closed Connection cannot be sent to another process");
        }
        if (in != null) {
            in.r.getAndAddInt(in.base + PENDING_READERS_OFFSET, 1);
        }
        if (out != null) {
            out.r.getAndAddInt(out.base + PENDING_WRITERS_OFFSET, 1);
        }
        return new Handle(session, readIndex, writeIndex);
    }

    /** The serialized form: the session and the rings' directory indices. */
    private static final class Handle implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String session;
        private final int readIndex;
        private final int writeIndex;

        Handle(String session, int readIndex, int writeIndex) {
            this.session = session;
            this.readIndex = readIndex;
            this.writeIndex = writeIndex;
        }

        private Object readResolve() throws ObjectStreamException {
            SharedRuntime rt = SharedRuntime.get();
            if (!rt.sessionId().equals(session)) {
                throw new java.io.InvalidObjectException("a Connection can only be used by the processes of the"
                        + " session that made it: connection session=" + session + " this session=" + rt.sessionId());
            }
            Connection c = new Connection(rt, readIndex, writeIndex);
            if (c.in != null) {
                c.in.r.getAndAddInt(c.in.base + PENDING_READERS_OFFSET, -1);
            }
            if (c.out != null) {
                c.out.r.getAndAddInt(c.out.base + PENDING_WRITERS_OFFSET, -1);
            }
            return c;
        }
    }

    /**
     * Waits until one of {@code objects} is ready, at most {@code timeout} (null: no limit): a Connection with a
     * message or at end of file, or a Process that has ended.
     *
     * @return the ready ones, empty on timeout. Python: {@code multiprocessing.connection.wait(objects, timeout)}.
     */
    public static List<Object> wait(List<?> objects, Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        long step = 20_000;
        while (true) {
            List<Object> ready = new ArrayList<>();
            for (Object o : objects) {
                if (o instanceof Connection c ? c.poll() : o instanceof Process p && !p.isAlive()) {
                    ready.add(o);
                } else if (!(o instanceof Connection) && !(o instanceof Process)) {
                    throw new IllegalArgumentException("wait() takes Connections and Processes: got "
                            + o.getClass().getName());
                }
            }
            long left = deadline - System.nanoTime();
            if (!ready.isEmpty() || left <= 0) {
                return ready;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(step, left));
            step = Math.min(step * 2, 5_000_000);
        }
    }

    @Override
    public String toString() {
        return "<Connection " + (isReadable() ? "r" : "") + (isWritable() ? "w" : "") + (closed ? " closed" : "")
                + ">";
    }
}
