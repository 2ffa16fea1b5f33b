package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.Value;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of a shared primitive: its session and directory index. Resolving it in another process of
 * the session maps the primitive's block there (once per process).
 */
final class SharedHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String session;
    private final int index;
    private final Serializable extra;

    SharedHandle(String session, int index, Serializable extra) {
        this.session = session;
        this.index = index;
        this.extra = extra;
    }

    private Object readResolve() throws ObjectStreamException {
        return SharedRuntime.get().attach(session, index, e -> e.kind() == io.mpscope.multiprocessing.observe
                .PrimitiveKind.BARRIER ? new Barrier(SharedRuntime.get(), e, (Runnable) extra) : make(e));
    }

    static Object make(SharedRuntime.Entry e) {
        SharedRuntime rt = SharedRuntime.get();
        return switch (e.kind()) {
            case LOCK -> new Lock(rt, e);
            case RLOCK -> new RLock(rt, e);
            case SEMAPHORE -> new Semaphore(rt, e);
            case BOUNDED_SEMAPHORE -> new BoundedSemaphore(rt, e);
            case EVENT -> new Event(rt, e);
            case CONDITION -> new Condition(rt, e);
            case BARRIER -> new Barrier(rt, e, null);
            case VALUE -> Value.attach(e);
            case ARRAY -> Array.attach(e);
            case QUEUE, SIMPLE_QUEUE, JOINABLE_QUEUE -> io.mpscope.multiprocessing.queues.Queue.attach(rt, e);
            case PIPE -> throw new IllegalStateException("a pipe end travels as a Connection: index=" + e.index());
            case POOL -> throw new IllegalStateException("a pool cannot be used by another process: index="
                    + e.index());
            case MANAGER -> throw new IllegalStateException("a manager travels as its proxies: index=" + e.index());
        };
    }

}
