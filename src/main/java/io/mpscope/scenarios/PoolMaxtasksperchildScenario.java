package io.mpscope.scenarios;

import io.mpscope.multiprocessing.pool.PoolOptions;

/**
 * PyMOTW {@code multiprocessing_pool_maxtasksperchild}: {@link PoolScenario} with each worker replaced after 2
 * tasks. With 4 workers and 10 tasks (chunksize 1), every first-generation worker runs 2 tasks and is replaced, so
 * 8 workers announce themselves; the result is the same ordered list.
 */
public final class PoolMaxtasksperchildScenario {
    private PoolMaxtasksperchildScenario() {
    }

    public static void main(String[] args) throws Exception {
        PoolScenario.run(PoolOptions.defaults().withMaxTasksPerChild(2));
    }
}
