package io.mpscope.multiprocessing.pool;

import java.io.Serializable;

/**
 * A function a pool worker applies to one argument: a serializable lambda (or a serializable class) whose captured
 * values travel with it. It may throw anything; the caller gets it as the cause of a
 * {@link io.mpscope.multiprocessing.RemoteProcessException}.
 *
 * <p>Python: the {@code func} of {@code pool.map(func, iterable)} and {@code pool.apply(func, (arg,))}.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    R apply(T arg) throws Exception;
}
