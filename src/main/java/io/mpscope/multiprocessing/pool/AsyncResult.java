package io.mpscope.multiprocessing.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The result of {@link Pool#applyAsync}, {@link Pool#mapAsync} or {@link Pool#starmapAsync}: ready once the task
 * (every task of a map) has finished. A task that raised makes it fail with a
 * {@link io.mpscope.multiprocessing.RemoteProcessException} (the worker's exception and stack trace as its cause); a
 * worker that died while it held a task makes it fail with a {@link WorkerLostException}; {@link Pool#terminate()}
 * makes unfinished results fail with a {@link io.mpscope.multiprocessing.ProcessException}. A result never stays
 * pending forever while its pool lives.
 *
 * <p>Thread-safe: any thread may wait on it. Python: {@code multiprocessing.pool.AsyncResult} ({@code ApplyResult},
 * {@code MapResult}).
 *
 * @param <T> the result type (a {@code List} for a map)
 */
public final class AsyncResult<T> {
    private final Object lock = new Object();
    private final Consumer<? super T> callback;
    private final Consumer<? super RuntimeException> errorCallback;
    private volatile boolean ready;
    private T value;
    private RuntimeException error;

    AsyncResult(Consumer<? super T> callback, Consumer<? super RuntimeException> errorCallback) {
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    /**
     * The result, waiting as long as it takes.
     *
     * @throws io.mpscope.multiprocessing.RemoteProcessException if a task raised (its cause: the worker's exception)
     * @throws WorkerLostException if a worker died while it held a task of this call
     * @throws InterruptedException if the waiting thread is interrupted
     *
     * <p>Python: {@code AsyncResult.get()}.
     */
    public T get() throws InterruptedException {
        await();
        return outcome();
    }

    /**
     * The result, waiting at most {@code timeout}.
     *
     * @throws TimeoutException if it is not ready in time (the call goes on; ask again later)
     * <p>Python: {@code AsyncResult.get(timeout)}, which raises {@code multiprocessing.TimeoutError}.
     */
    public T get(Duration timeout) throws InterruptedException, TimeoutException {
        if (!await(timeout)) {
            throw new TimeoutException("result not ready within the timeout: timeout=" + timeout);
        }
        return outcome();
    }

    private T outcome() {
        synchronized (lock) {
            if (error != null) {
                error.fillInStackTrace(); // the caller's frames, not the result handler's
                throw error;
            }
            return value;
        }
    }

    /** Waits until the result is ready. Python: {@code AsyncResult.wait()}. */
    public void await() throws InterruptedException {
        synchronized (lock) {
            while (!ready) {
                lock.wait();
            }
        }
    }

    /**
     * Waits at most {@code timeout} until the result is ready; returns whether it is (CPython's returns None: ask
     * {@link #ready()}). Python: {@code AsyncResult.wait(timeout)}.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (lock) {
            while (!ready) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** True once the call has finished, with a value or an error. Non-blocking. Python: {@code ready()}. */
    public boolean ready() {
        return ready;
    }

    /**
     * True if the call finished without an error.
     *
     * @throws IllegalStateException if it is not ready yet (CPython's ValueError: "... not ready")
     * <p>Python: {@code AsyncResult.successful()}.
     */
    public boolean successful() {
        synchronized (lock) {
            if (!ready) {
                throw new IllegalStateException(this + " not ready");
            }
            return error == null;
        }
    }

    /** Completes with {@code v}, then runs the callback (in the calling thread: the pool's result handler). */
    boolean complete(T v) {
        synchronized (lock) {
            if (ready) {
                return false;
            }
            value = v;
            ready = true;
            lock.notifyAll();
        }
        if (callback != null) {
            Callbacks.run(() -> callback.accept(v), "callback");
        }
        return true;
    }

    /** Fails with {@code e}, then runs the error callback. */
    boolean fail(RuntimeException e) {
        synchronized (lock) {
            if (ready) {
                return false;
            }
            error = e;
            ready = true;
            lock.notifyAll();
        }
        if (errorCallback != null) {
            Callbacks.run(() -> errorCallback.accept(e), "error callback");
        }
        return true;
    }

    @Override
    public String toString() {
        return "<AsyncResult " + (ready ? (error == null ? "successful" : "failed") : "pending") + " @"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
