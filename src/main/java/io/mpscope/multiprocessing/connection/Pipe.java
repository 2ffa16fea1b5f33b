package io.mpscope.multiprocessing.connection;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.queues.Ring;
import io.mpscope.multiprocessing.shm.QueueLayout;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;

/**
 * The two ends of a new pipe. Duplex (the default): both ends send and receive. Not duplex: {@code conn1} only
 * receives and {@code conn2} only sends.
 *
 * <p>Python: {@code conn1, conn2 = multiprocessing.Pipe(duplex)}.
 *
 * @param conn1 the first end
 * @param conn2 the second end
 */
public record Pipe(Connection conn1, Connection conn2) {

    /** A new pipe; {@code name} (may be null) is what observers show. */
    public static Pipe create(String name, boolean duplex) {
        return create(name, duplex, QueueLayout.DEFAULT_CAPACITY);
    }

    /**
     * A new pipe whose each direction holds {@code capacity} bytes (a power of two, at least 4096; 1 MiB by
     * default). A message above an eighth of it travels through a file of its own, so a small pipe suits small
     * messages: a request-reply channel that only ever holds one message.
     */
    public static Pipe create(String name, boolean duplex, int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 4096) {
            throw new IllegalArgumentException("pipe capacity must be a power of two >= 4096: capacity=" + capacity);
        }
        return createOn(SharedRuntime.get(), name, duplex, capacity);
    }

    /**
     * As {@link #create(String, boolean, int)}, on the runtime {@code rt}: library internal, for a standby JVM's
     * warm-up, which makes its pipes on a runtime of no session ({@code Warmup.scratchRuntime()}).
     */
    public static Pipe createOn(SharedRuntime rt, String name, boolean duplex, int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 4096) {
            throw new IllegalArgumentException("pipe capacity must be a power of two >= 4096: capacity=" + capacity);
        }
        int toFirst = direction(rt, name == null ? null : name + (duplex ? " (to conn1)" : ""), capacity);
        if (!duplex) {
            return new Pipe(new Connection(rt, toFirst, -1), new Connection(rt, -1, toFirst));
        }
        int toSecond = direction(rt, name == null ? null : name + " (to conn2)", capacity);
        return new Pipe(new Connection(rt, toFirst, toSecond), new Connection(rt, toSecond, toFirst));
    }

    private static int direction(SharedRuntime rt, String name, int capacity) {
        return rt.create(PrimitiveKind.PIPE, Ring.blockLength(capacity), name, -1, 0, 0,
                b -> Ring.init(b.region(), b.offset(), capacity, 0, QueueLayout.FLAG_PIPE)).index();
    }
}
