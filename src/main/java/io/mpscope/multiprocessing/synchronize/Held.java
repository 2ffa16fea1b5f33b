package io.mpscope.multiprocessing.synchronize;

/**
 * A holding of a lock or semaphore, for try-with-resources: {@code try (var held = lock.hold()) { ... }} releases
 * it at the end of the block. Python: {@code with lock: ...}.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    /** Releases what {@code hold()} acquired. */
    @Override
    void close();
}
