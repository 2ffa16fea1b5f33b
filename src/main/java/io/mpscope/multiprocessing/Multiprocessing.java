package io.mpscope.multiprocessing;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.util.LogLevel;
import io.mpscope.multiprocessing.util.MpLogger;
import io.mpscope.multiprocessing.util.StderrHandler;
import java.util.List;

/**
 * The module-level functions of CPython's {@code multiprocessing}: the current and parent process, live children,
 * CPU count, start methods and contexts, and logging.
 *
 * <pre>{@code
 * import static io.mpscope.multiprocessing.Multiprocessing.*;
 * System.out.println(currentProcess().getName());   // MainProcess
 * }</pre>
 */
public final class Multiprocessing {
    static {
        ProcessRuntime.installExitHook();
    }

    private Multiprocessing() {
    }

    /**
     * The Process object of the calling process: {@code MainProcess} in the program's root, the started Process in
     * a child. Python: {@code multiprocessing.current_process()}.
     */
    public static Process currentProcess() {
        return ProcessRuntime.current();
    }

    /**
     * The parent of the calling process (name, pid, {@code isAlive()}, {@code join()}), or null in the root.
     * Python: {@code multiprocessing.parent_process()}.
     */
    public static Process parentProcess() {
        return ProcessRuntime.parent();
    }

    /**
     * The children of the calling process that are still alive; ended ones are reaped as a side effect.
     * Python: {@code multiprocessing.active_children()}.
     */
    public static List<Process> activeChildren() {
        return ProcessRuntime.activeChildren();
    }

    /**
     * The number of CPUs of the machine (not only those this process may use).
     * Python: {@code multiprocessing.cpu_count()}.
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The context of the default start method. Python: {@code multiprocessing.get_context()}. */
    public static Context getContext() {
        return new Context(null);
    }

    /** A context bound to {@code method}. Python: {@code multiprocessing.get_context(method)}. */
    public static Context getContext(StartMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("cannot find context for 'None'");
        }
        return new Context(method);
    }

    /**
     * A context bound to the method named {@code name}: "standby", "spawn" ("forkserver" means standby).
     *
     * @throws IllegalArgumentException "cannot find context for 'bogus'"
     */
    public static Context getContext(String name) {
        return new Context(StartMethod.of(name));
    }

    /**
     * The default start method; fixes it if it was not set yet. Python: {@code get_start_method()}.
     */
    public static StartMethod getStartMethod() {
        return ProcessRuntime.defaultStartMethod();
    }

    /** The default start method, or null if it was neither set nor used. Python: {@code get_start_method(True)}. */
    public static StartMethod peekStartMethod() {
        return ProcessRuntime.peekStartMethod();
    }

    /**
     * Sets the default start method, once.
     *
     * @throws IllegalStateException "context has already been set" on a second call
     */
    public static void setStartMethod(StartMethod method) {
        ProcessRuntime.setStartMethod(method, false);
    }

    /** Sets the default start method even if it was set before. Python: {@code set_start_method(m, force=True)}. */
    public static void setStartMethod(StartMethod method, boolean force) {
        ProcessRuntime.setStartMethod(method, force);
    }

    /** Every start method, the default first. Python: {@code get_all_start_methods()}. */
    public static List<StartMethod> getAllStartMethods() {
        return List.of(StartMethod.STANDBY, StartMethod.SPAWN);
    }

    /** The {@code multiprocessing} logger. Python: {@code multiprocessing.get_logger()}. */
    public static MpLogger getLogger() {
        return MpLogger.get();
    }

    /**
     * Adds a stderr handler printing {@code [LEVEL/processName] message} to the {@code multiprocessing} logger
     * (once), and sets its level when {@code level} is not null. Children started afterwards inherit both.
     * Python: {@code multiprocessing.log_to_stderr(level)}.
     */
    public static MpLogger logToStderr(LogLevel level) {
        MpLogger log = MpLogger.get();
        if (log.getHandlers().stream().noneMatch(h -> h instanceof StderrHandler)) {
            log.addHandler(new StderrHandler());
        }
        if (level != null) {
            log.setLevel(level);
        }
        return log;
    }

    /** {@link #logToStderr(LogLevel)} without changing the level. */
    public static MpLogger logToStderr() {
        return logToStderr(null);
    }
}
