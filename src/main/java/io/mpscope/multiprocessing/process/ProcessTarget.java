package io.mpscope.multiprocessing.process;

import java.io.Serializable;

/**
 * The code a {@link Process} runs: a serializable lambda whose captured values are its arguments.
 * It is serialized in the caller by {@code start()} and run in the child; it may throw anything, which makes the
 * child's exit code 1 and prints its stack trace on the child's stderr.
 *
 * <p>Python: the {@code target} and {@code args} of {@code Process(target=f, args=(...))}.
 */
@FunctionalInterface
public interface ProcessTarget extends Serializable {
    void run() throws Exception;
}
