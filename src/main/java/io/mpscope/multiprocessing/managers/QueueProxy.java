package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.queues.QueueEmptyException;
import io.mpscope.multiprocessing.queues.QueueFullException;
import java.time.Duration;

/**
 * A {@code queue.Queue} living in a manager's server (no feeder thread: an item is in the queue when {@code put}
 * returns, so {@code qsize()} is 1 right after a put). Also CPython's JoinableQueue methods.
 *
 * <p>Python: {@code AutoProxy[Queue]} ({@code manager.Queue(maxsize)}, {@code manager.JoinableQueue()}).
 */
public final class QueueProxy<E> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    QueueProxy(Token token, byte[] authkey) {
        super(token, authkey, "Queue");
    }

    /** Blocks while full. Python: {@code put(item)}. */
    public void put(E item) {
        call("put", item, true, null);
    }

    /** Waits at most {@code timeout} for room. Python: {@code put(item, timeout=t)}. */
    public void put(E item, Duration timeout) throws QueueFullException {
        try {
            call("put", item, true, timeout.toNanos() / 1e9);
        } catch (RemoteException e) {
            throw full(e);
        }
    }

    /** Python: {@code put_nowait(item)}. */
    public void putNowait(E item) throws QueueFullException {
        try {
            call("put_nowait", item);
        } catch (RemoteException e) {
            throw full(e);
        }
    }

    /** Blocks until an item comes. Python: {@code get()}. */
    public E get() {
        return call("get", true, null);
    }

    /** Waits at most {@code timeout}. Python: {@code get(timeout=t)}. */
    public E get(Duration timeout) throws QueueEmptyException {
        try {
            return call("get", true, timeout.toNanos() / 1e9);
        } catch (RemoteException e) {
            throw empty(e);
        }
    }

    /** Python: {@code get_nowait()}. */
    public E getNowait() throws QueueEmptyException {
        try {
            return call("get_nowait");
        } catch (RemoteException e) {
            throw empty(e);
        }
    }

    /** Python: {@code qsize()}. */
    public int qsize() {
        return this.<Integer>call("qsize");
    }

    /** Python: {@code empty()}. */
    public boolean empty() {
        return this.<Boolean>call("empty");
    }

    /** Python: {@code full()}. */
    public boolean full() {
        return this.<Boolean>call("full");
    }

    /** Python: {@code task_done()}; too many calls throw IllegalStateException. */
    public void taskDone() {
        call("task_done");
    }

    /** Blocks until every item put has been marked done. Python: {@code join()}. */
    public void join() {
        call("join");
    }

    private static QueueFullException full(RemoteException e) {
        if (e.getCause() instanceof QueueFullException f) {
            QueueFullException local = new QueueFullException(f.getMessage());
            local.initCause(f);
            return local;
        }
        throw e;
    }

    private static QueueEmptyException empty(RemoteException e) {
        if (e.getCause() instanceof QueueEmptyException f) {
            QueueEmptyException local = new QueueEmptyException(f.getMessage());
            local.initCause(f);
            return local;
        }
        throw e;
    }
}
