package io.mpscope.app.services;

import io.mpscope.multiprocessing.pool.TaskFunction;

/**
 * The built-in tasks a pool launched from the window can run, each on the integers {@code 0 .. n-1}, with one
 * parameter: a delay, a burn time or a period. Their functions are serializable records of this class, so the
 * pool's worker JVMs (which run the app's class path) can run them.
 */
public enum PoolDemoTask {
    /** {@code x * x} after sleeping N ms. */
    SQUARE("Square, after a delay of N ms", "Delay (ms)", 200),
    /** {@code x} after burning N ms of CPU. */
    CPU_BURN("CPU burn of N ms", "Burn (ms)", 300),
    /** {@code x * x} after 150 ms, but every k-th task (x + 1 divisible by k) raises. */
    FAIL_EVERY("Fail every k-th task", "k", 5),
    /** {@code x * x} after 150 ms, but the worker that gets task k dies at once (exit code 13). */
    KILL_ON("Kill the worker on task k", "k", 7);

    /** The exit code of a worker killed by {@link #KILL_ON}. */
    public static final int KILLED_EXIT_CODE = 13;
    /** The delay of the tasks of {@link #FAIL_EVERY} and {@link #KILL_ON}, so their progress can be watched. */
    public static final int STEP_MILLIS = 150;

    private final String label;
    private final String parameterLabel;
    private final int defaultParameter;

    PoolDemoTask(String label, String parameterLabel, int defaultParameter) {
        this.label = label;
        this.parameterLabel = parameterLabel;
        this.defaultParameter = defaultParameter;
    }

    /** What the dialog lists. */
    public String label() {
        return label;
    }

    /** The name of its parameter ("Delay (ms)", "k"). */
    public String parameterLabel() {
        return parameterLabel;
    }

    /** The parameter the dialog proposes. */
    public int defaultParameter() {
        return defaultParameter;
    }

    /** The smallest valid parameter: 1 for k, 0 for a time. */
    public int minParameter() {
        return this == FAIL_EVERY || this == KILL_ON ? 1 : 0;
    }

    /** The largest valid parameter. */
    public int maxParameter() {
        return this == FAIL_EVERY || this == KILL_ON ? 1_000_000 : 60_000;
    }

    /** The task function with {@code parameter}. */
    public TaskFunction<Integer, Integer> function(int parameter) {
        switch (this) {
            case SQUARE:
                return new Square(parameter);
            case CPU_BURN:
                return new CpuBurn(parameter);
            case FAIL_EVERY:
                return new FailEvery(parameter);
            default:
                return new KillOn(parameter);
        }
    }

    @Override
    public String toString() {
        return label;
    }

    /** {@code x * x} after {@code delayMillis}. */
    public record Square(int delayMillis) implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) throws InterruptedException {
            Thread.sleep(delayMillis);
            return x * x;
        }
    }

    /** {@code x} after spinning for {@code millis} of CPU time on the worker's thread. */
    public record CpuBurn(int millis) implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            long end = System.nanoTime() + millis * 1_000_000L;
            long spin = x;
            while (System.nanoTime() < end) {
                spin = spin * 6364136223846793005L + 1442695040888963407L;
            }
            return spin == 42 ? -x : x; // keeps the loop from being optimized away
        }
    }

    /** {@code x * x}, but raises for every k-th input ({@code (x + 1) % k == 0}). */
    public record FailEvery(int k) implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) throws InterruptedException {
            Thread.sleep(STEP_MILLIS);
            if ((x + 1) % k == 0) {
                throw new IllegalStateException("task failed on purpose: input=" + x + " k=" + k);
            }
            return x * x;
        }
    }

    /** {@code x * x}, but the worker that gets input {@code k} halts at once with {@link #KILLED_EXIT_CODE}. */
    public record KillOn(int k) implements TaskFunction<Integer, Integer> {
        @Override
        public Integer apply(Integer x) throws InterruptedException {
            if (x == k) {
                Runtime.getRuntime().halt(KILLED_EXIT_CODE);
            }
            Thread.sleep(STEP_MILLIS);
            return x * x;
        }
    }
}
