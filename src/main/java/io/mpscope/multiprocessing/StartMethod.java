package io.mpscope.multiprocessing;

import java.util.Locale;

/**
 * How a {@code Process} gets its JVM.
 *
 * <ul>
 *   <li>{@link #STANDBY} (the default): hand the process to a pre-started, warmed-up JVM that waits for work, and
 *       start a replacement in the background. CPython's forkserver idea, without fork.</li>
 *   <li>{@link #SPAWN}: start a fresh JVM for the process, as CPython's spawn starts a fresh interpreter.</li>
 * </ul>
 * A JVM cannot fork, so there is no {@code fork} method; asking for it names the alternatives.
 *
 * <p>Python: the start-method names of {@code multiprocessing.get_context(method)}.
 */
public enum StartMethod {
    SPAWN("spawn"),
    STANDBY("standby");

    private final String pythonName;

    StartMethod(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The lower-case name, as used by {@code getContext(String)} and printed in benchmarks. */
    public String methodName() {
        return pythonName;
    }

    /**
     * The start method named {@code name} ("spawn" or "standby"; "forkserver" means standby).
     *
     * @throws IllegalArgumentException with CPython's message for an unknown name
     */
    public static StartMethod of(String name) {
        if (name == null) {
            throw new IllegalArgumentException("cannot find context for 'None'");
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "spawn":
                return SPAWN;
            case "standby":
            case "forkserver":
                return STANDBY;
            case "fork":
                throw new IllegalArgumentException("cannot find context for 'fork': a JVM cannot fork;"
                        + " use 'standby' (pre-started JVMs, the default) or 'spawn'");
            default:
                throw new IllegalArgumentException("cannot find context for '" + name + "'");
        }
    }
}
