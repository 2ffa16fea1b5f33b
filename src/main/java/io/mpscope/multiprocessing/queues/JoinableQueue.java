package io.mpscope.multiprocessing.queues;

import static io.mpscope.multiprocessing.shm.QueueLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;
import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks: each {@code put} adds one, each {@link #taskDone()} removes one, and
 * {@link #join()} waits until the count is zero.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.JoinableQueue}.
 *
 * @param <E> the type of the items
 */
public final class JoinableQueue<E> extends Queue<E> {
    private static final long serialVersionUID = 1L;

    JoinableQueue(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, e);
    }

    /** A new joinable queue; {@code maxsize} 0 means unbounded. Python: {@code ctx.JoinableQueue(maxsize)}. */
    public static <E> JoinableQueue<E> create(String name, int maxsize) {
        SharedRuntime rt = SharedRuntime.get();
        return new JoinableQueue<>(rt, rt.entry(make(rt, PrimitiveKind.JOINABLE_QUEUE, name, maxsize,
                FLAG_JOINABLE)));
    }

    /** The count of tasks put this process last read (a lower bound): taskDone reads it again only near it. */
    private transient long tasksPutSeen;

    @Override
    void beforePut() {
        region.getAndAddLong(base + TASKS_PUT_OFFSET, 1);
    }

    @Override
    void afterFailedPut() {
        region.getAndAddLong(base + TASKS_PUT_OFFSET, -1);
        wakeJoinersIfDone();
    }

    /**
     * Marks one task taken from the queue as done.
     *
     * @throws IllegalStateException if called more times than items were put ({@code task_done() called too many
     *                               times}, CPython's ValueError)
     * Python: {@code q.task_done()}.
     */
    public void taskDone() {
        int off = base + TASKS_DONE_OFFSET;
        long done;
        while (true) {
            done = region.getLongVolatile(off);
            if (done + 1 > tasksPutSeen) {
                tasksPutSeen = region.getLongVolatile(base + TASKS_PUT_OFFSET);
                if (done + 1 > tasksPutSeen) {
                    throw new IllegalStateException("task_done() called too many times");
                }
            }
            if (region.compareAndSetLong(off, done, done + 1)) { // a full fence before the waiters are read
                break;
            }
        }
        if (region.getIntVolatile(base + ALL_DONE_WAITERS_OFFSET) > 0) {
            wakeJoinersIfDone();
        }
    }

    /** Wakes every join() caller if no task is unfinished now. */
    private void wakeJoinersIfDone() {
        if (unfinished(region, base) <= 0) {
            region.getAndAddInt(base + ALL_DONE_SEQ_OFFSET, 1);
            if (region.getIntVolatile(base + ALL_DONE_WAITERS_OFFSET) > 0) {
                Futex.wake(region, base + ALL_DONE_SEQ_OFFSET, Integer.MAX_VALUE);
            }
        }
    }

    /** Tasks put and not yet marked done. */
    public long unfinishedTasks() {
        return unfinished(region, base);
    }

    /** Waits until every item put has been marked done. Python: {@code q.join()}. */
    public void join() throws InterruptedException {
        join(null);
    }

    /**
     * Waits at most {@code timeout} (null: no limit) until every item put has been marked done.
     *
     * @return false if tasks were still unfinished
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        if (unfinished(region, base) <= 0) {
            return true;
        }
        int row = rt.beginWait(index, RegistryLayout.WAIT_JOIN);
        region.getAndAddInt(base + ALL_DONE_WAITERS_OFFSET, 1);
        try {
            while (true) {
                int seq = region.getIntVolatile(base + ALL_DONE_SEQ_OFFSET);
                if (unfinished(region, base) <= 0) {
                    return true;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Futex.await(region, base + ALL_DONE_SEQ_OFFSET, seq, Math.min(deadline - now, 50_000_000L));
            }
        } finally {
            region.getAndAddInt(base + ALL_DONE_WAITERS_OFFSET, -1);
            rt.endWait(row);
        }
    }
}
