package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.process.ProcessTarget;

/**
 * The keyword arguments of a pool: {@code PoolOptions.defaults().withProcesses(4).withInitializer(...)}.
 *
 * <p>Python: {@code Pool(processes=None, initializer=None, initargs=(), maxtasksperchild=None)} (the initializer's
 * arguments are the lambda's captured values).
 *
 * @param processes        number of workers; 0 means {@code cpuCount()}
 * @param initializer      run once in each worker when it starts (null: none); serializable
 * @param maxTasksPerChild a worker exits and is replaced after this many tasks (chunks); 0 means never
 * @param name             what observers show (null: {@code Pool-N})
 */
public record PoolOptions(int processes, ProcessTarget initializer, int maxTasksPerChild, String name) {

    /**
     * @throws IllegalArgumentException for a negative size ("Number of processes must be at least 1") or a negative
     *                                  maxtasksperchild
     */
    public PoolOptions {
        if (processes < 0) {
            throw new IllegalArgumentException("Number of processes must be at least 1: processes=" + processes);
        }
        if (maxTasksPerChild < 0) {
            throw new IllegalArgumentException("maxtasksperchild must be a positive int or None: maxtasksperchild="
                    + maxTasksPerChild);
        }
    }

    /** cpuCount() workers, no initializer, workers never replaced. */
    public static PoolOptions defaults() {
        return new PoolOptions(0, null, 0, null);
    }

    /** With {@code processes} workers (at least 1). */
    public PoolOptions withProcesses(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1: processes=" + processes);
        }
        return new PoolOptions(processes, initializer, maxTasksPerChild, name);
    }

    public PoolOptions withInitializer(ProcessTarget initializer) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, name);
    }

    /** Workers are replaced after {@code n} tasks (at least 1). */
    public PoolOptions withMaxTasksPerChild(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxtasksperchild must be a positive int or None: maxtasksperchild="
                    + n);
        }
        return new PoolOptions(processes, initializer, n, name);
    }

    public PoolOptions withName(String name) {
        return new PoolOptions(processes, initializer, maxTasksPerChild, name);
    }
}
