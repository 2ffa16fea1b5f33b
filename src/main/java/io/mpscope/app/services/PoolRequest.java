package io.mpscope.app.services;

import java.util.Objects;

/**
 * A pool to make in the app's own process and the one call to run on it, as the launch dialog describes them.
 *
 * @param name             the pool's name (empty: {@code Pool-N})
 * @param processes        workers
 * @param maxTasksPerChild tasks after which a worker is replaced (0: never)
 * @param task             the built-in task
 * @param parameter        its parameter (a delay, burn time or k)
 * @param inputs           the call's inputs, {@code 0 .. inputs-1}
 * @param chunksize        tasks per chunk (0: the pool's default; ignored by {@link Method#APPLY_ASYNC})
 * @param method           how the inputs are handed to the pool
 */
public record PoolRequest(String name, int processes, int maxTasksPerChild, PoolDemoTask task, int parameter,
                          int inputs, int chunksize, Method method) {

    /** The pool method the call uses. */
    public enum Method {
        MAP("map"), IMAP("imap"), IMAP_UNORDERED("imapUnordered"), APPLY_ASYNC("applyAsync, one per input");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Rejects nulls and counts out of range. */
    public PoolRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(method, "method");
        if (processes < 1 || maxTasksPerChild < 0 || inputs < 0 || chunksize < 0) {
            throw new IllegalArgumentException("pool request out of range: processes=" + processes
                    + " maxTasksPerChild=" + maxTasksPerChild + " inputs=" + inputs + " chunksize=" + chunksize);
        }
    }

    /** "map of square (200 ms) over 40 inputs on 4 workers". */
    public String display() {
        return (method == Method.APPLY_ASYNC ? "applyAsync" : method.label) + " of " + task.name().toLowerCase(
                java.util.Locale.ROOT) + "(" + parameter + ") over " + inputs + " inputs on " + processes
                + (processes == 1 ? " worker" : " workers");
    }
}
