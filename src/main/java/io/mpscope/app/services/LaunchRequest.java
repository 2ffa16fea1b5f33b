package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;

/**
 * What the launch dialog asks for: N library Processes running a Java main class or jar, or N OS commands.
 * Immutable; built by the launch view model once its fields validate.
 *
 * @param kind             a Java main (library Process) or an OS command
 * @param target           JAVA: a main class name ({@code com.acme.Main}) or a jar path; COMMAND: unused (empty)
 * @param classPath        JAVA: extra class path entries (jars or folders) searched before the app's own; else empty
 * @param arguments        JAVA: the arguments of {@code main}; COMMAND: the program and its arguments
 * @param workingDirectory COMMAND: the working directory, or empty for the app's; JAVA: empty
 * @param names            one name per process to start (so its size is the count)
 * @param daemon           JAVA: {@code Process.setDaemon}; COMMAND: terminate it when the app exits
 */
public record LaunchRequest(Kind kind, String target, List<String> classPath, List<String> arguments,
                            String workingDirectory, List<String> names, boolean daemon) {
    /** What to launch. */
    public enum Kind {
        /** A library {@code Process} whose target calls a {@code main(String[])}. */
        JAVA,
        /** Any OS command, started with {@code ProcessBuilder}. */
        COMMAND,
        /**
         * A pool made in the app's own process, described by a {@link PoolRequest} (the launch dialog's third kind);
         * never the kind of a {@code LaunchRequest}.
         */
        POOL
    }

    /** Copies the lists and rejects nulls and an empty name list. */
    public LaunchRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        classPath = List.copyOf(classPath);
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a launch needs at least one name: kind=" + kind);
        }
    }

    /** How many processes it starts. */
    public int count() {
        return names.size();
    }

    /** True if {@link #target} names a jar file rather than a class. */
    public boolean targetIsJar() {
        return isJarPath(target);
    }

    /** True if {@code target} looks like a jar path: it ends in {@code .jar} or holds a path separator. */
    public static boolean isJarPath(String target) {
        String t = target.strip();
        return t.toLowerCase(java.util.Locale.ROOT).endsWith(".jar") || t.indexOf('/') >= 0
                || t.indexOf('\\') >= 0;
    }

    /** The command line for display: {@code com.acme.Main a b} or {@code sleep 30}. */
    public String display() {
        if (kind == Kind.COMMAND) {
            return CommandLine.join(arguments);
        }
        return arguments.isEmpty() ? target : target + " " + CommandLine.join(arguments);
    }
}
