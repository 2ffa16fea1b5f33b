package io.mpscope.multiprocessing.pool;

import java.io.Serializable;

/**
 * A function of two arguments for {@code Pool.starmap}: the pair is unpacked into the arguments.
 *
 * <p>Python: the {@code func} of {@code pool.starmap(func, [(a, b), ...])}.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskBiFunction<A, B, R> extends Serializable {
    R apply(A a, B b) throws Exception;
}
