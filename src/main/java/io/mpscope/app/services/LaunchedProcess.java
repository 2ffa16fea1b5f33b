package io.mpscope.app.services;

import io.mpscope.multiprocessing.process.Process;

/** A library {@link Process} the app started: signals go through its own methods where it has them. */
final class LaunchedProcess extends Supervised {
    private final Process process;

    LaunchedProcess(long id, Process process, long pid, String commandLine) {
        super(id, process.getName(), pid, process.isDaemon(), commandLine);
        this.process = process;
        // The library computes the exit code (and records it in the registry) when the child ends.
        watch(process.onExit().thenApply(p -> p.getExitCode().orElse(Integer.MIN_VALUE)));
    }

    /** The library object (for joining and tests). */
    Process process() {
        return process;
    }

    @Override
    public Kind kind() {
        return Kind.PROCESS;
    }

    @Override
    void signal(PosixSignals.Signal signal, PosixSignals signals) {
        if (process.getExitCode().isPresent()) {
            throw new SignalException(SignalException.Reason.NO_SUCH_PROCESS,
                    "process has ended: name=" + name() + " pid=" + pid());
        }
        switch (signal) {
            case TERM:
                process.terminate();
                continueIfStopped(this, signals);
                break;
            case KILL:
                process.kill(); // SIGKILL ends a stopped process too
                break;
            default:
                signals.send(pid(), signal);
                break;
        }
    }

    /** A stopped process keeps a SIGTERM pending until it runs again: let it run, so that it dies. */
    static void continueIfStopped(Supervised s, PosixSignals signals) {
        if (signals.supportsStop() && OsState.of(s.pid()).stopped()) {
            try {
                signals.send(s.pid(), PosixSignals.Signal.CONT);
            } catch (SignalException e) {
                // it died meanwhile: what we wanted
            }
        }
    }
}
