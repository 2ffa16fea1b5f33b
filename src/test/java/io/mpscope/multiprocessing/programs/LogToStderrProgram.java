package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.util.LogLevel;

/**
 * PyMOTW multiprocessing_log_to_stderr ({@code debug}) and multiprocessing_get_logger ({@code info}): one child
 * prints "Doing some work"; the library logs its lifecycle lines for the child and for MainProcess.
 *
 * <p>Args: {@code debug} or {@code info}.
 */
public final class LogToStderrProgram {
    private LogToStderrProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("debug")) {
            Multiprocessing.logToStderr(LogLevel.DEBUG);
        } else {
            Multiprocessing.logToStderr();
            Multiprocessing.getLogger().setLevel(LogLevel.INFO);
        }
        Process p = new Process(LogToStderrProgram::job);
        p.start();
        p.join();
    }

    static void job() {
        System.out.println("Doing some work");
        System.out.flush();
    }
}
