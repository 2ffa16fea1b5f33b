package io.mpscope.multiprocessing.process;

import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.spawn.ChildHandle;
import io.mpscope.multiprocessing.spawn.Spawner;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An activity that runs in a separate OS process: a child JVM started from the same {@code java} and class path.
 *
 * <p>Give it a {@link ProcessTarget} lambda (its captured values are the arguments), or subclass it and override
 * {@link #run()}. {@code start()} serializes the object, so the target, its captured values and a subclass's fields
 * must be serializable; a problem is reported there, naming the class and field path, before anything starts.
 *
 * <pre>{@code
 * Process p = new Process(() -> System.out.println("Worker: " + i));
 * p.start();
 * p.join();
 * p.getExitCode();   // OptionalInt[0]
 * }</pre>
 *
 * <p>Exit codes are CPython's: 0 when {@code run()} returns, N for {@code System.exit(N)}, 1 for an uncaught
 * exception (its stack trace printed on the child's stderr after a {@code Process <name>:} line), -N for death by
 * signal N. Default names are {@code Process-N} ({@code Process-N:M} in a child), or the subclass's simple name.
 * The daemon flag is inherited from the creating process; daemons may not have children; at normal exit daemon
 * children are terminated and the others joined. Each child watches a lifeline to its parent: if the parent dies,
 * even by SIGKILL, a daemon child exits at once and a non-daemon child finishes {@code run()} and exits.
 *
 * <p>{@code start}, {@code join}, {@code isAlive}, {@code terminate}, {@code kill} and {@code getExitCode} may be
 * called from any thread of the creating process. Python: {@code multiprocessing.Process}.
 */
public class Process implements Serializable {
    private static final long serialVersionUID = 1L;

    // --- travels to the child ---
    private final ProcessTarget target;
    private String name;
    private boolean daemon;
    private final int[] identity;
    private final long creatorPid;
    private final String creatorName;
    private StartMethod startMethod;
    private List<String> jvmArgs = List.of();

    // --- the creating process's view; rebuilt empty in the child ---
    private transient Object lock = new Object();
    private transient volatile ProcessState state = ProcessState.INITIAL;
    private transient volatile ChildHandle handle;

    /** A process that runs nothing unless a subclass overrides {@link #run()}. Python: {@code Process()}. */
    public Process() {
        this(null, null);
    }

    /** A process that runs {@code target}. Python: {@code Process(target=f, args=(...))}. */
    public Process(ProcessTarget target) {
        this(null, target);
    }

    /**
     * A process named {@code name} (null: the default name) that runs {@code target} (null: {@link #run()} does
     * nothing unless overridden). Python: {@code Process(name=..., target=...)}.
     */
    public Process(String name, ProcessTarget target) {
        this.target = target;
        Process creator = ProcessRuntime.current();
        this.identity = ProcessRuntime.nextIdentity();
        this.creatorPid = ProcessRuntime.pid();
        this.creatorName = creator.getName();
        this.daemon = creator.isDaemon();
        this.name = name != null ? name : defaultName(getClass(), identity);
    }

    /** A Process rebuilt in its child from {@link ProcessCodec}'s compact form: already started. */
    Process(ProcessTarget target, String name, boolean daemon, int[] identity, long creatorPid, String creatorName,
            StartMethod startMethod, List<String> jvmArgs) {
        this.target = target;
        this.name = name;
        this.daemon = daemon;
        this.identity = identity;
        this.creatorPid = creatorPid;
        this.creatorName = creatorName;
        this.startMethod = startMethod;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.state = ProcessState.STARTED;
    }

    /** For the root and parent stand-ins. */
    Process(String name, int[] identity, long creatorPid, String creatorName) {
        this.target = null;
        this.name = name;
        this.identity = identity;
        this.creatorPid = creatorPid;
        this.creatorName = creatorName;
    }

    static String defaultName(Class<?> type, int[] identity) {
        String simple = type.getSimpleName();
        if (simple.isEmpty()) {
            simple = "Process"; // anonymous subclass
        }
        return simple + "-" + Arrays.stream(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        lock = new Object();
        state = ProcessState.STARTED; // a deserialized Process is the current process of the child
    }

    /**
     * The activity: calls the target, if any. Subclasses override it. Calling it directly runs it in the calling
     * process and thread.
     *
     * <p>Python: {@code Process.run()}.
     */
    public void run() throws Exception {
        if (target != null) {
            target.run();
        }
    }

    /**
     * Starts the process: serializes this object and hands it to a new child JVM (a standby JVM under
     * {@link StartMethod#STANDBY}), which calls {@link #run()}. Returns once the child has been handed the work; it
     * does not wait for {@code run()} to begin.
     *
     * @throws IllegalStateException  "cannot start a process twice", "process object is closed",
     *                                "can only start a process object created by current process",
     *                                "daemonic processes are not allowed to have children"
     * @throws io.mpscope.multiprocessing.SerializationException if this object cannot be serialized; nothing is
     *                                started and the process can be fixed and started again
     * @throws io.mpscope.multiprocessing.ProcessException if the child JVM cannot be launched
     *
     * <p>Python: {@code Process.start()}.
     */
    public void start() {
        synchronized (lock) {
            checkNotClosed();
            // Creator first: a Process object that reached this JVM by serialization (the current process, or
            // one captured by a target) reads as started here, and CPython names its real fault.
            if (creatorPid != ProcessRuntime.pid()) {
                throw new IllegalStateException(
                        "can only start a process object created by current process: " + describeForError());
            }
            if (state != ProcessState.INITIAL) {
                throw new IllegalStateException("cannot start a process twice: " + describeForError());
            }
            if (ProcessRuntime.current().isDaemon()) {
                throw new IllegalStateException("daemonic processes are not allowed to have children: parent="
                        + ProcessRuntime.current().getName());
            }
            ProcessRuntime.reapFinished();
            ProcessCodec.Encoded payload = ProcessCodec.encode(this);
            handle = Spawner.start(this, payload, effectiveStartMethod());
            state = ProcessState.STARTED;
            ProcessRuntime.addChild(this);
        }
    }

    /**
     * Waits until the process ends; its output has then reached this process's stdout and stderr. Joining
     * several times is allowed.
     *
     * @throws IllegalStateException "can only join a started process", "can only join a child process"
     * @throws InterruptedException  if this thread is interrupted while waiting
     *
     * <p>Python: {@code Process.join()}.
     */
    public void join() throws InterruptedException {
        join(null);
    }

    /**
     * Waits at most {@code timeout} for the process to end (null: without limit). Returns whether it has ended;
     * a timeout is not an error, as in CPython (check {@link #isAlive()} or {@link #getExitCode()}).
     *
     * <p>Python: {@code Process.join(timeout)}.
     */
    public boolean join(Duration timeout) throws InterruptedException {
        ChildHandle h = checkJoinable();
        boolean ended = h.waitFor(timeout);
        if (ended) {
            synchronized (lock) {
                state = ProcessState.STOPPED;
                ProcessRuntime.removeChild(this);
            }
        }
        return ended;
    }

    private ChildHandle checkJoinable() {
        checkNotClosed();
        if (creatorPid != ProcessRuntime.pid() || this == ProcessRuntime.current()) {
            throw new IllegalStateException("can only join a child process: " + describeForError());
        }
        ChildHandle h = handle;
        if (h == null) {
            throw new IllegalStateException("can only join a started process: " + describeForError());
        }
        return h;
    }

    /**
     * True from {@code start()} until the child has ended. In the child itself, {@code currentProcess().isAlive()}
     * is true. Non-blocking.
     *
     * <p>Python: {@code Process.is_alive()}.
     */
    public boolean isAlive() {
        checkNotClosed();
        if (this == ProcessRuntime.current()) {
            return true;
        }
        if (creatorPid != ProcessRuntime.pid()) {
            throw new IllegalStateException("can only test a child process: " + describeForError());
        }
        ChildHandle h = handle;
        if (h == null) {
            return false;
        }
        if (h.exitCode().isPresent()) {
            synchronized (lock) {
                if (state == ProcessState.STARTED) {
                    state = ProcessState.STOPPED;
                }
            }
            ProcessRuntime.removeChild(this);
            return false;
        }
        return true;
    }

    /**
     * The exit code once the process has ended; empty before start and while it runs. 0: {@code run()} returned;
     * N: {@code System.exit(N)}; 1: an uncaught exception; -N: killed by signal N.
     *
     * <p>Python: {@code Process.exitcode}.
     */
    public OptionalInt getExitCode() {
        checkNotClosed();
        ChildHandle h = handle;
        return h == null ? OptionalInt.empty() : h.exitCode();
    }

    /** Sends SIGTERM; the child dies without running {@code finally} blocks or shutdown hooks. Python: {@code terminate()}. */
    public void terminate() {
        checkNotClosed();
        requireStarted("terminate").terminate();
    }

    /** Sends SIGKILL. Python: {@code Process.kill()}. */
    public void kill() {
        checkNotClosed();
        requireStarted("kill").kill();
    }

    private ChildHandle requireStarted(String what) {
        ChildHandle h = handle;
        if (h == null) {
            throw new IllegalStateException("cannot " + what + " a process that has not been started: "
                    + describeForError());
        }
        return h;
    }

    /**
     * Releases what the process object holds. After it, most methods throw "process object is closed"; the name can
     * still be read.
     *
     * @throws IllegalStateException if the process is still running
     *
     * <p>Python: {@code Process.close()}.
     */
    public void close() {
        synchronized (lock) {
            if (state == ProcessState.CLOSED) {
                return;
            }
            ChildHandle h = handle;
            if (h != null) {
                if (h.exitCode().isEmpty()) {
                    throw new IllegalStateException("Cannot close a process while it is still running. "
                            + "You should first call join() or terminate().");
                }
                h.release();
            }
            ProcessRuntime.removeChild(this);
            state = ProcessState.CLOSED;
        }
    }

    /** A future that completes with this process when it has ended (its exit code is then known). */
    public CompletableFuture<Process> onExit() {
        return requireStarted("wait for").onExit().thenApply(x -> this);
    }

    private void checkNotClosed() {
        if (state == ProcessState.CLOSED) {
            throw new IllegalStateException("process object is closed: name=" + name);
        }
    }

    // --- attributes ---

    public String getName() {
        return name;
    }

    /** Renames the process; the name has no meaning beyond display. Python: {@code p.name = ...}. */
    public void setName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name must be a string");
        }
        this.name = name;
    }

    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Marks the process as a daemon: terminated when its parent exits normally, and not allowed children.
     *
     * @throws IllegalStateException "process has already started"
     *
     * <p>Python: {@code p.daemon = True}.
     */
    public void setDaemon(boolean daemon) {
        synchronized (lock) {
            if (state != ProcessState.INITIAL) {
                throw new IllegalStateException("process has already started: " + describeForError());
            }
            this.daemon = daemon;
        }
    }

    /**
     * The OS process id: empty before start.
     *
     * @throws IllegalStateException "process object is closed" after {@link #close()}, as in CPython
     *
     * <p>Python: {@code Process.pid}.
     */
    public OptionalLong getPid() {
        checkNotClosed();
        if (this == ProcessRuntime.current()) {
            return OptionalLong.of(ProcessRuntime.pid());
        }
        ChildHandle h = handle;
        return h == null ? OptionalLong.empty() : OptionalLong.of(h.pid());
    }

    /** Alias of {@link #getPid()}. Python: {@code Process.ident}. */
    public OptionalLong getIdent() {
        return getPid();
    }

    /** The identity path, e.g. {@code [18, 2]} for {@code Process-18:2}. */
    public int[] getIdentity() {
        return identity.clone();
    }

    /** The process-wide authentication key, inherited by children. Python: {@code Process.authkey}. */
    public byte[] getAuthkey() {
        return ProcessRuntime.authkey();
    }

    public ProcessState getState() {
        ProcessState s = state;
        if (s == ProcessState.STARTED && handle != null && handle.exitCode().isPresent()) {
            return ProcessState.STOPPED;
        }
        return s;
    }

    /** The start method used by {@code start()}; null means the library default. */
    public StartMethod getStartMethod() {
        return startMethod;
    }

    /** Chooses how {@code start()} gets a JVM (null: the default of {@code Multiprocessing.getStartMethod()}). */
    public void setStartMethod(StartMethod method) {
        synchronized (lock) {
            if (state != ProcessState.INITIAL) {
                throw new IllegalStateException("process has already started: " + describeForError());
            }
            this.startMethod = method;
        }
    }

    StartMethod effectiveStartMethod() {
        return startMethod != null ? startMethod : ProcessRuntime.defaultStartMethod();
    }

    /** Extra JVM options for this child (e.g. {@code -Xmx2g}); a process with options never uses a standby JVM. */
    public List<String> getJvmArgs() {
        return jvmArgs;
    }

    public void setJvmArgs(List<String> args) {
        synchronized (lock) {
            if (state != ProcessState.INITIAL) {
                throw new IllegalStateException("process has already started: " + describeForError());
            }
            this.jvmArgs = List.copyOf(new ArrayList<>(Objects.requireNonNull(args, "args")));
        }
    }

    /** The pid of the process that created this object. */
    public long getCreatorPid() {
        return creatorPid;
    }

    String getCreatorName() {
        return creatorName;
    }

    ProcessTarget target() {
        return target;
    }

    /** The handle of the launched child, for the library. */
    public ChildHandle handle() {
        return handle;
    }

    String typeName() {
        return getClass().getSimpleName().isEmpty() ? "Process" : getClass().getSimpleName();
    }

    private String describeForError() {
        ChildHandle h = handle;
        return "name=" + name + (h != null ? " pid=" + h.pid() : "");
    }

    /**
     * CPython's repr: {@code <Process name='Process-1' pid=123 parent=100 started>},
     * {@code ... stopped exitcode=-SIGTERM>}, {@code ... initial>}; "unknown" for another process's object.
     */
    @Override
    public String toString() {
        String status;
        OptionalInt code = OptionalInt.empty();
        ChildHandle h = handle;
        if (this == ProcessRuntime.current()) {
            status = "started";
        } else if (state == ProcessState.CLOSED) {
            status = "closed";
        } else if (creatorPid != ProcessRuntime.pid()) {
            status = "unknown";
        } else if (h == null) {
            status = "initial";
        } else {
            code = h.exitCode();
            status = code.isPresent() ? "stopped" : "started";
        }
        StringBuilder sb = new StringBuilder("<").append(typeName()).append(" name='").append(name).append('\'');
        if (h != null && state != ProcessState.CLOSED) { // CPython's close() drops the popen object, and its pid
            sb.append(" pid=").append(h.pid());
        }
        sb.append(" parent=").append(creatorPid < 0 ? "None" : Long.toString(creatorPid)).append(' ').append(status);
        if (code.isPresent()) {
            sb.append(" exitcode=").append(ExitCodes.describe(code.getAsInt()));
        }
        if (daemon) {
            sb.append(" daemon");
        }
        return sb.append('>').toString();
    }
}
