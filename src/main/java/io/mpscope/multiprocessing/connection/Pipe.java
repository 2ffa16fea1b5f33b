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
        SharedRuntime rt = SharedRuntime.get();
        int toFirst = direction(rt, name == null ? null : name + (duplex ? " (to conn1)" : ""));
        if (!duplex) {
            return new Pipe(new Connection(rt, toFirst, -1), new Connection(rt, -1, toFirst));
        }
        int toSecond = direction(rt, name == null ? null : name + " (to conn2)");
        return new Pipe(new Connection(rt, toFirst, toSecond), new Connection(rt, toSecond, toFirst));
    }

    private static int direction(SharedRuntime rt, String name) {
        int capacity = QueueLayout.DEFAULT_CAPACITY;
        return rt.create(PrimitiveKind.PIPE, Ring.blockLength(capacity), name, -1, 0, 0,
                b -> Ring.init(b.region(), b.offset(), capacity, 0, QueueLayout.FLAG_PIPE)).index();
    }
}
