package io.mpscope.multiprocessing.process;

import java.util.Map;

/**
 * CPython's exit-code convention: 0 when {@code run()} returns, N for an explicit exit(N), 1 for an uncaught
 * exception, -N for death by signal N.
 */
public final class ExitCodes {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"), Map.entry(17, "SIGCHLD"),
            Map.entry(18, "SIGCONT"), Map.entry(19, "SIGSTOP"), Map.entry(20, "SIGTSTP"), Map.entry(24, "SIGXCPU"),
            Map.entry(25, "SIGXFSZ"), Map.entry(31, "SIGSYS"));

    private ExitCodes() {
    }

    /** The signal's name ("SIGTERM") for its number, or "signal N" for an unnamed one. */
    public static String signalName(int signal) {
        String n = SIGNALS.get(signal);
        return n != null ? n : "signal " + signal;
    }

    /** How CPython's repr shows an exit code: {@code 0}, {@code 3}, {@code -SIGTERM}. */
    public static String describe(int exitCode) {
        if (exitCode < 0) {
            String n = SIGNALS.get(-exitCode);
            return n != null ? "-" + n : Integer.toString(exitCode);
        }
        return Integer.toString(exitCode);
    }

    /**
     * Maps what {@code java.lang.Process.exitValue()} reported (128+N for death by signal N) to CPython's code,
     * given what the child recorded about its own end.
     *
     * @param raw            the OS exit status as Java reports it
     * @param childSaysExit  true if the child recorded a normal exit (run() ended or System.exit ran its hooks)
     * @param childSignal    the signal the child's handler recorded, or 0
     */
    public static int fromJava(int raw, boolean childSaysExit, int childSignal) {
        if (childSignal > 0) {
            return -childSignal;
        }
        if (!childSaysExit && raw > 128 && raw <= 128 + 64) {
            return -(raw - 128);
        }
        return raw;
    }
}
