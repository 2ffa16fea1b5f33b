package io.mpscope.app.services;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One process the app launched and supervises: a library {@code Process} or an OS command. Its exit code is
 * recorded when it ends. Thread-safe; nothing here blocks.
 */
public abstract class Supervised {
    /** What was launched. */
    public enum Kind {
        /** A library Process (a child JVM in the app's session). */
        PROCESS,
        /** An OS command (no registry row). */
        COMMAND
    }

    private final long id;
    private final String name;
    private final long pid;
    private final boolean daemon;
    private final String commandLine;
    private final Instant started;
    /** Completes with the exit code; set once by the subclass's constructor ({@link #watch}). */
    private CompletableFuture<Integer> exit;

    Supervised(long id, String name, long pid, boolean daemon, String commandLine) {
        this.id = id;
        this.name = name;
        this.pid = pid;
        this.daemon = daemon;
        this.commandLine = commandLine;
        this.started = Instant.now();
    }

    /** A number unique among the launches of this app. */
    public long id() {
        return id;
    }

    /** The process's name. */
    public String name() {
        return name;
    }

    /** The OS process id. */
    public long pid() {
        return pid;
    }

    /** The daemon flag: terminated when the app exits. */
    public boolean daemon() {
        return daemon;
    }

    /** What it runs, for display. */
    public String commandLine() {
        return commandLine;
    }

    /** When it was launched. */
    public Instant started() {
        return started;
    }

    /** A library Process or an OS command. */
    public abstract Kind kind();

    /** Records the future that completes with the exit code; each subclass's constructor calls it once. */
    final void watch(CompletableFuture<Integer> exitCode) {
        if (exit != null) {
            throw new IllegalStateException("exit already watched: name=" + name);
        }
        exit = exitCode;
    }

    /** True until it has ended. */
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** The exit code once it has ended: CPython's convention (-N for death by signal N). */
    public OptionalInt exitCode() {
        return exit.isDone() && !exit.isCompletedExceptionally() ? OptionalInt.of(exit.join()) : OptionalInt.empty();
    }

    /** Completes with the exit code when it has ended. */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    /**
     * Sends {@code signal}: TERM and KILL through the library Process or the process handle, STOP and CONT through
     * {@code signals}. A terminated process that was stopped is continued, so that it can die.
     *
     * @throws SignalException if it has ended, or the OS refused
     */
    abstract void signal(PosixSignals.Signal signal, PosixSignals signals);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + name + " pid=" + pid + " daemon=" + daemon + "]";
    }
}
