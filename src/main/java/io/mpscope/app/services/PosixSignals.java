package io.mpscope.app.services;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Sends signals to processes by pid with libc's {@code kill(2)} through JNA, for what {@link ProcessHandle} cannot
 * do: stop and continue ({@code SIGSTOP}/{@code SIGCONT}), and telling "no such process" ({@code ESRCH}) from
 * "not permitted" ({@code EPERM}) when a signal fails.
 *
 * <p>Why JNA and not {@code /bin/kill}: a direct system call costs microseconds and no process launch, and it
 * reports the exact errno instead of a localized message to parse; JNA is on the class path already (the library
 * uses it for futexes). Linux and macOS only (their signal numbers differ); elsewhere {@link #supportsStop()} is
 * false and every call fails with {@link SignalException.Reason#UNSUPPORTED}. Thread-safe; never blocks.
 */
public class PosixSignals {
    /** The signals the app sends. */
    public enum Signal {
        /** Terminate (15): the library child dies at once with exit code -15. */
        TERM,
        /** Kill (9): cannot be caught. */
        KILL,
        /** Stop (not catchable): the OS state becomes {@code T}. */
        STOP,
        /** Continue a stopped process. */
        CONT;

        /** The name with its SIG prefix. */
        public String signalName() {
            return "SIG" + name();
        }
    }

    private static final int EPERM = 1;
    private static final int ESRCH = 3;

    /** libc, bound lazily; null when unavailable. */
    private interface LibC extends Library {
        int kill(int pid, int sig) throws LastErrorException;
    }

    private final LibC libc;

    /** Binds libc if this OS has {@code kill(2)} with known signal numbers. */
    public PosixSignals() {
        this.libc = load();
    }

    private static LibC load() {
        if (!Platform.isLinux() && !Platform.isMac()) {
            return null;
        }
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** True if STOP and CONT can be sent on this OS. */
    public boolean supportsStop() {
        return libc != null;
    }

    /** The signal's number on this OS. */
    static int number(Signal s) {
        boolean mac = Platform.isMac();
        switch (s) {
            case TERM:
                return 15;
            case KILL:
                return 9;
            case STOP:
                return mac ? 17 : 19;
            case CONT:
                return mac ? 19 : 18;
            default:
                throw new AssertionError(s);
        }
    }

    /**
     * Sends {@code signal} to {@code pid}.
     *
     * @throws SignalException with the reason (ESRCH, EPERM, unsupported, other errno)
     */
    public void send(long pid, Signal signal) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: pid=" + pid);
        }
        if (libc == null) {
            throw new SignalException(SignalException.Reason.UNSUPPORTED,
                    "signals by number unsupported on this os: os=" + System.getProperty("os.name")
                            + " signal=" + signal.signalName() + " pid=" + pid);
        }
        call(pid, number(signal), signal.signalName());
    }

    /**
     * Says why a signal to {@code pid} would fail, by sending it signal 0 (no signal, only the checks).
     *
     * @return {@link SignalException.Reason#NO_SUCH_PROCESS}, {@link SignalException.Reason#NOT_PERMITTED}, or null
     *         if a signal would be delivered (or this OS cannot tell)
     */
    public SignalException.Reason probe(long pid) {
        if (libc == null || pid <= 0 || pid > Integer.MAX_VALUE) {
            return null;
        }
        try {
            call(pid, 0, "signal 0");
            return null;
        } catch (SignalException e) {
            return e.reason();
        }
    }

    private void call(long pid, int number, String name) {
        try {
            libc.kill((int) pid, number);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            SignalException.Reason r = errno == ESRCH ? SignalException.Reason.NO_SUCH_PROCESS
                    : errno == EPERM ? SignalException.Reason.NOT_PERMITTED : SignalException.Reason.FAILED;
            throw new SignalException(r, "kill failed: pid=" + pid + " signal=" + name + " errno=" + errno);
        }
    }
}
