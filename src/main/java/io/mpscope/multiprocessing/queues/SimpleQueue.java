package io.mpscope.multiprocessing.queues;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.serialization.ItemCodec;
import io.mpscope.multiprocessing.shm.QueueLayout;
import io.mpscope.multiprocessing.synchronize.SharedPrimitive;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A simpler queue: {@code put}, {@code get}, {@code empty}, {@code close}, without a feeder thread ({@code put}
 * writes into shared memory itself, waiting only if the ring is full).
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.SimpleQueue}.
 *
 * @param <E> the type of the items
 */
public final class SimpleQueue<E> extends SharedPrimitive {
    private static final long serialVersionUID = 1L;
    /** How an item is named in a serialization error, made once (see Queue's: made in the constructor). */
    private final transient String itemWhat;

    private final transient Ring ring;
    private transient volatile boolean closed;

    SimpleQueue(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.SIMPLE_QUEUE, e.region(), e.base(), e.index());
        this.ring = new Ring(rt, e.region(), e.base(), e.index());
        this.itemWhat = "queue item for " + getName();
    }

    /** A new simple queue. Python: {@code ctx.SimpleQueue()}. */
    public static <E> SimpleQueue<E> create(String name) {
        SharedRuntime rt = SharedRuntime.get();
        return new SimpleQueue<>(rt, rt.entry(Queue.make(rt, PrimitiveKind.SIMPLE_QUEUE, name, 0,
                QueueLayout.FLAG_SIMPLE)));
    }

    /**
     * Puts {@code item}.
     *
     * @throws io.mpscope.multiprocessing.SerializationException if it cannot be serialized
     * Python: {@code q.put(item)}.
     */
    public void put(E item) throws InterruptedException {
        check();
        // the ring copies the item's bytes before put returns: a byte[] needs no copy of its own
        ring.put(ItemCodec.encodeUncopied(item, itemWhat), true, Long.MAX_VALUE);
    }

    /** Takes the next item, waiting as long as it takes. Python: {@code q.get()}. */
    @SuppressWarnings("unchecked")
    public E get() throws InterruptedException {
        check();
        try {
            return (E) ring.take(true, Long.MAX_VALUE, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a queue item: queue=" + getName(), e);
        }
    }

    /** True if there is no item now. Python: {@code q.empty()}. */
    public boolean empty() {
        return ring.isEmpty();
    }

    /** This process will use the queue no more. Python: {@code q.close()}. */
    public void close() {
        closed = true;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("SimpleQueue is closed: queue=" + getName());
        }
    }

    @Override
    public String toString() {
        return "<SimpleQueue name='" + getName() + "' size=" + ring.size() + ">";
    }
}
