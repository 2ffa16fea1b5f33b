package io.mpscope.app.services;

/** What the toolbar does to a process: each action is one signal. */
public enum ProcessAction {
    /** SIGTERM: a library child dies at once with exit code -15. */
    TERMINATE(PosixSignals.Signal.TERM, "Terminate", "terminated"),
    /** SIGKILL: cannot be caught; exit code -9. */
    KILL(PosixSignals.Signal.KILL, "Kill", "killed"),
    /** SIGSTOP: the process stops running (OS state T) until resumed. */
    FREEZE(PosixSignals.Signal.STOP, "Freeze", "frozen"),
    /** SIGCONT: a stopped process runs again. */
    RESUME(PosixSignals.Signal.CONT, "Resume", "resumed");

    private final PosixSignals.Signal signal;
    private final String verb;
    private final String pastTense;

    ProcessAction(PosixSignals.Signal signal, String verb, String pastTense) {
        this.signal = signal;
        this.verb = verb;
        this.pastTense = pastTense;
    }

    /** The signal it sends. */
    public PosixSignals.Signal signal() {
        return signal;
    }

    /** "Terminate". */
    public String verb() {
        return verb;
    }

    /** "terminated". */
    public String pastTense() {
        return pastTense;
    }
}
