package io.mpscope.app.services;

import java.io.IOException;
import java.io.InputStream;

/**
 * An OS command the app started: its stdout and stderr are copied into bounded rings by one daemon thread each,
 * its stdin is closed at once (a command that reads it sees end of input), and its exit code is recorded.
 */
final class LaunchedCommand extends Supervised {
    private final java.lang.Process process;
    private final OutputRing out;
    private final OutputRing err;
    /** The last signal the app sent it, to tell "killed by our SIGTERM" from "exit(143)". */
    private volatile int signalled;

    LaunchedCommand(long id, String name, java.lang.Process process, boolean daemon, String commandLine,
                    int outputCapacity) {
        super(id, name, process.pid(), daemon, commandLine);
        this.process = process;
        this.out = new OutputRing(outputCapacity);
        this.err = new OutputRing(outputCapacity);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it exited already
        }
        pump(process.getInputStream(), out, "mp-cmd-out-" + id);
        pump(process.getErrorStream(), err, "mp-cmd-err-" + id);
        watch(process.onExit().thenApply(p -> code(p.exitValue(), signalled)));
    }

    /**
     * CPython's exit code for what Java reports: the JDK reports a death by signal N as 128+N, the same as
     * {@code exit(128+N)}. It is shown as -N only when the app sent that signal itself.
     */
    static int code(int raw, int signalled) {
        return signalled > 0 && raw == 128 + signalled ? -signalled : raw;
    }

    private static void pump(InputStream in, OutputRing ring, String threadName) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    ring.append(buf, 0, n);
                }
            } catch (IOException ignored) {
                // the command is gone, or we closed its pipes
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** The kept tail of stdout (0) or stderr (1). */
    String output(int stream) {
        return (stream == 0 ? out : err).tail();
    }

    /** How many bytes it wrote to stdout (0) or stderr (1) in all. */
    long written(int stream) {
        return (stream == 0 ? out : err).written();
    }

    /** Its OS process handle. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public Kind kind() {
        return Kind.COMMAND;
    }

    @Override
    void signal(PosixSignals.Signal signal, PosixSignals signals) {
        if (!process.isAlive()) {
            throw new SignalException(SignalException.Reason.NO_SUCH_PROCESS,
                    "command has ended: name=" + name() + " pid=" + pid());
        }
        switch (signal) {
            case TERM:
                signalled = 15;
                // through the handle: Process.destroy() would close our ends of its pipes and lose its last words
                if (!process.toHandle().destroy()) {
                    throw ProcessSupervisor.failure(signals, pid(), signal);
                }
                LaunchedProcess.continueIfStopped(this, signals);
                break;
            case KILL:
                signalled = 9;
                if (!process.toHandle().destroyForcibly()) {
                    throw ProcessSupervisor.failure(signals, pid(), signal);
                }
                break;
            default:
                signals.send(pid(), signal);
                break;
        }
    }
}
