package io.mpscope.multiprocessing.process;

import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.spawn.Session;
import io.mpscope.multiprocessing.util.MpLogger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM's place in the process tree: the current process, its parent, its live children, the identity counter
 * shared by processes, managers and pools, the authkey, and the exit function that terminates daemon children and
 * joins the others when the process exits normally.
 *
 * <p>Internal to the library; programs use {@code io.mpscope.multiprocessing.Multiprocessing}.
 */
public final class ProcessRuntime {
    private static final long PID = ProcessHandle.current().pid();
    private static volatile Process current = new MainProcess();
    private static volatile Process parent;
    private static volatile int[] identityPrefix = new int[0];
    private static final AtomicInteger COUNTER = new AtomicInteger(1);
    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();
    private static volatile byte[] authkey;
    private static volatile StartMethod defaultStartMethod;
    private static volatile boolean startMethodFixed;
    private static final AtomicBoolean EXITING = new AtomicBoolean();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final MpLogger LOG = MpLogger.get();

    static {
        LOG.setProcessNameSource(new CurrentName());
    }

    private ProcessRuntime() {
    }

    /** The name of the current process, for log records (a class, not a lambda: it loads on every child's start). */
    private static final class CurrentName implements java.util.function.Supplier<String> {
        @Override
        public String get() {
            return current.getName();
        }
    }

    public static long pid() {
        return PID;
    }

    /** The Process object of this JVM: {@code MainProcess} in the root, the deserialized Process in a child. */
    public static Process current() {
        return current;
    }

    /** The parent in a child, null in the root. */
    public static Process parent() {
        return parent;
    }

    /** True in a child JVM started by the library. */
    public static boolean isChild() {
        return parent != null;
    }

    /** The next identity: this process's identity plus the next number of the shared counter. */
    public static int[] nextIdentity() {
        int[] prefix = identityPrefix;
        int[] id = new int[prefix.length + 1];
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        id[prefix.length] = COUNTER.getAndIncrement();
        return id;
    }

    /** The authkey: 32 random bytes in the root, inherited by children. */
    public static byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (ProcessRuntime.class) {
                if (authkey == null) {
                    byte[] b = new byte[32];
                    new SecureRandom().nextBytes(b);
                    authkey = b;
                }
                k = authkey;
            }
        }
        return k.clone();
    }

    public static void setAuthkey(byte[] key) {
        authkey = key.clone();
    }

    public static StartMethod defaultStartMethod() {
        StartMethod m = defaultStartMethod;
        if (m == null) {
            String p = System.getProperty("mpscope.startMethod");
            m = p == null || p.isEmpty() ? StartMethod.STANDBY : StartMethod.of(p);
            defaultStartMethod = m;
        }
        startMethodFixed = true;
        return m;
    }

    /** The default start method, or null if it has not been set or used yet. Python: {@code get_start_method(True)}. */
    public static StartMethod peekStartMethod() {
        return startMethodFixed ? defaultStartMethod : null;
    }

    /**
     * Sets the default start method.
     *
     * @throws IllegalStateException "context has already been set" when it was set or used before, unless forced
     */
    public static synchronized void setStartMethod(StartMethod method, boolean force) {
        if (startMethodFixed && !force) {
            throw new IllegalStateException("context has already been set");
        }
        defaultStartMethod = method;
        startMethodFixed = method != null;
    }

    static void addChild(Process p) {
        CHILDREN.add(p);
    }

    static void removeChild(Process p) {
        CHILDREN.remove(p);
    }

    /** Forgets children that have ended. */
    static void reapFinished() {
        if (CHILDREN.isEmpty()) {
            return;
        }
        for (java.util.Iterator<Process> it = CHILDREN.iterator(); it.hasNext(); ) {
            Process p = it.next();
            if (p.handle() != null && p.handle().exitCode().isPresent()) {
                it.remove();
            }
        }
    }

    /** The live children; ended ones are reaped. Python: {@code active_children()}. */
    public static List<Process> activeChildren() {
        reapFinished();
        return new ArrayList<>(CHILDREN);
    }

    private static volatile long notedParentPid = -1;
    private static volatile long notedParentTicks = -1;

    /**
     * Records the start time of the parent ahead of {@link #becomeChild}, which a standby JVM does while it waits:
     * the /proc read is then off the start-up path.
     */
    public static void noteParent(long pid) {
        if (pid != notedParentPid) {
            notedParentTicks = ProcFs.startTicks(pid);
            notedParentPid = pid;
        }
    }

    /**
     * Makes this JVM the child described by the preparation data: called once by the child bootstrap before
     * {@code run()}.
     */
    public static void becomeChild(Process self, String parentName, long parentPid, byte[] key, StartMethod method) {
        current = self;
        identityPrefix = self.getIdentity();
        COUNTER.set(1);
        long ticks = parentPid == notedParentPid ? notedParentTicks : ProcFs.startTicks(parentPid);
        parent = new ParentProcess(parentName, parentPid, ticks);
        authkey = key.clone();
        defaultStartMethod = method;
        startMethodFixed = false;
    }

    /**
     * CPython's {@code util._exit_function}: once per process, at normal exit, terminates daemon children and joins
     * all children, logging as CPython logs.
     */
    public static void exitFunction() {
        if (!EXITING.compareAndSet(false, true)) {
            return;
        }
        LOG.info("process shutting down");
        LOG.debug("running all \"atexit\" finalizers with priority >= 0");
        List<Process> live = CHILDREN.isEmpty() ? List.of() : activeChildren();
        for (Process p : live) {
            if (p.isDaemon()) {
                LOG.info("calling terminate() for daemon %s", p.getName());
                try {
                    p.terminate();
                } catch (RuntimeException ignored) {
                    // it ended meanwhile
                }
            }
        }
        for (Process p : live.isEmpty() ? live : activeChildren()) {
            LOG.info("calling join() for process %s", p.getName());
            try {
                p.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.debug("running the remaining \"atexit\" finalizers");
        for (Runnable r : FINALIZERS) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("finalizer failed: %s", e);
            }
        }
        Session.shutdown(Duration.ofSeconds(2));
    }

    /**
     * Registers the exit function as a shutdown hook of the root process (once): at normal exit, daemon children are
     * terminated and the others joined, as CPython's atexit handler does. Children run it from their bootstrap.
     */
    public static void installExitHook() {
        if (!isChild() && HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessRuntime::exitFunction, "mp-exit"));
        }
    }

    private static final List<Runnable> FINALIZERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Registers {@code r} to run at normal exit after the children were joined (CPython's negative-priority
     * finalizers, e.g. a queue's feeder thread being joined so that what was put is flushed).
     */
    public static void addExitFinalizer(Runnable r) {
        FINALIZERS.add(r);
    }

    /** True once the exit function has begun. Python: {@code util.is_exiting()}. */
    public static boolean isExiting() {
        return EXITING.get();
    }
}
