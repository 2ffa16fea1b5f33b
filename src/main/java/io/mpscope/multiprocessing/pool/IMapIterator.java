package io.mpscope.multiprocessing.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lazy results of {@link Pool#imap} (input order) or {@link Pool#imapUnordered} (completion order). A chunk that
 * failed yields its exception once, at its place ({@code next()} throws it), and iteration goes on with the next
 * chunk, as CPython's iterator does.
 *
 * <p>One consumer thread at a time. Python: {@code multiprocessing.pool.IMapIterator}.
 *
 * @param <R> the result type
 */
public final class IMapIterator<R> implements Iterator<R>, Iterable<R> {
    private final Object lock = new Object();
    private final boolean ordered;
    private final int chunks;
    /** Ordered: outcome of each chunk by index (null until it arrives). */
    private final Object[] byChunk;
    private int nextChunk;
    /** Values (or one RuntimeException) ready to be returned, in order. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private int chunksArrived;
    private int chunksTaken;
    private RuntimeException broken;

    IMapIterator(boolean ordered, int chunks) {
        this.ordered = ordered;
        this.chunks = chunks;
        this.byChunk = ordered ? new Object[chunks] : null;
    }

    /** A chunk's values (a List) or its exception arrived. Called by the pool's result handler. */
    void arrive(int chunk, Object outcome) {
        synchronized (lock) {
            chunksArrived++;
            if (ordered) {
                byChunk[chunk] = outcome;
                while (nextChunk < chunks && byChunk[nextChunk] != null) {
                    take(byChunk[nextChunk]);
                    byChunk[nextChunk++] = null;
                }
            } else {
                take(outcome);
            }
            lock.notifyAll();
        }
    }

    private void take(Object outcome) {
        chunksTaken++;
        if (outcome instanceof List<?> values) {
            for (Object v : values) {
                ready.add(v == null ? NULL : v); // ArrayDeque takes no null
            }
        } else {
            ready.add(outcome); // a Failure
        }
    }

    /** Every unfinished chunk fails with {@code e} (the pool was terminated). */
    void breakWith(RuntimeException e) {
        synchronized (lock) {
            broken = e;
            lock.notifyAll();
        }
    }

    /** True once every chunk arrived. */
    boolean complete() {
        synchronized (lock) {
            return chunksArrived == chunks;
        }
    }

    @Override
    public Iterator<R> iterator() {
        return this;
    }

    /** True if another result (or exception) will come. Does not block. */
    @Override
    public boolean hasNext() {
        synchronized (lock) {
            return !ready.isEmpty() || chunksTaken < chunks;
        }
    }

    /**
     * The next result, waiting as long as it takes.
     *
     * @throws io.mpscope.multiprocessing.RemoteProcessException at the place of a chunk that raised
     * @throws WorkerLostException at the place of a chunk whose worker died
     * @throws NoSuchElementException when there are no more results (Python's StopIteration)
     * Python: {@code IMapIterator.__next__()}.
     */
    @Override
    public R next() {
        try {
            return next(null);
        } catch (TimeoutException e) {
            throw new AssertionError("cannot time out without a timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.mpscope.multiprocessing.ProcessException("interrupted while waiting for the next result",
                    e);
        }
    }

    /**
     * The next result, waiting at most {@code timeout} (null: as long as it takes).
     *
     * @throws TimeoutException if none came in time (iteration can go on)
     * Python: {@code IMapIterator.next(timeout)}, which raises {@code multiprocessing.TimeoutError}.
     */
    @SuppressWarnings("unchecked")
    public R next(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        Object o;
        synchronized (lock) {
            while (ready.isEmpty()) {
                if (chunksTaken >= chunks) {
                    throw new NoSuchElementException("no more results");
                }
                if (broken != null) {
                    throw broken;
                }
                if (deadline == Long.MAX_VALUE) {
                    lock.wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new TimeoutException("no result within the timeout: timeout=" + timeout);
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
            o = ready.pollFirst();
        }
        if (o instanceof Failure f) {
            throw f.error;
        }
        return (R) (o == NULL ? null : o);
    }

    /** Stands for a null result in the deque. */
    static final Object NULL = new Object();

    /** A failed chunk's place in the sequence. */
    record Failure(RuntimeException error) {
    }
}
