package io.mpscope.app.services;

import io.mpscope.multiprocessing.process.Process;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches and supervises the processes started from the app: library {@link Process}es running a main class or
 * jar (they appear in the app's own session through the observe API), and OS commands (they have no registry
 * row: {@link #commands()} lists them, with their output captured in bounded rings). It records every exit code,
 * tells listeners, and sends signals to these and to processes the app did not launch.
 *
 * <p>Everything that blocks (launching, class loading, reading {@code /proc}, waiting) runs on its own daemon
 * threads ({@code mp-control-N}); every public method returns at once. Thread-safe.
 *
 * <p>Signals: TERM and KILL go through the library {@code Process} for the app's library children (so the library
 * reports -15 and -9), through {@link ProcessHandle} for the others; STOP and CONT, and the reason a signal
 * failed, through {@link PosixSignals} ({@code kill(2)}).
 */
public final class ProcessSupervisor implements ProcessControl, AutoCloseable {
    /** How much of each output stream of an OS command is kept. */
    public static final int COMMAND_OUTPUT_CAPACITY = 64 * 1024;
    /** How many ended launches are remembered before the oldest are forgotten. */
    static final int ENDED_KEPT = 200;
    /** How long daemon launches get to end on SIGTERM when the supervisor closes. */
    public static final Duration DAEMON_GRACE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);
    private static final long SELF = ProcessHandle.current().pid();

    private final PosixSignals signals;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    /** Every launch still remembered, oldest first. */
    private final List<Supervised> all = new CopyOnWriteArrayList<>();
    /** The newest launch per pid. */
    private final Map<Long, Supervised> byPid = new ConcurrentHashMap<>();
    /** Launches the app sent TERM or KILL: their end was asked for. */
    private final Set<Long> signalledIds = ConcurrentHashMap.newKeySet();
    private final List<Consumer<? super ProcessExit>> exitListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** A supervisor that signals through {@code signals}. */
    public ProcessSupervisor(PosixSignals signals) {
        this.signals = signals;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mp-control-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Calls {@code listener} (on a supervisor thread) each time a launched process ends. */
    public void addExitListener(Consumer<? super ProcessExit> listener) {
        exitListeners.add(listener);
    }

    // ---- launching ----

    @Override
    public CompletableFuture<LaunchCheck> check(LaunchRequest request) {
        return CompletableFuture.supplyAsync(() -> LaunchChecks.check(request), executor);
    }

    @Override
    public CompletableFuture<LaunchResult> launch(LaunchRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("supervisor is closed"));
        }
        return CompletableFuture.supplyAsync(() -> doLaunch(request), executor);
    }

    private LaunchResult doLaunch(LaunchRequest r) {
        List<ActionTarget> started = new ArrayList<>();
        for (String name : r.names()) {
            Supervised s;
            try {
                s = r.kind() == LaunchRequest.Kind.JAVA ? startProcess(r, name) : startCommand(r, name);
            } catch (IOException | RuntimeException e) {
                // A value for the UI, which tells the user; logged for the record as a recovered fault.
                log.warn("launch failed: name={} kind={} command={}", name, r.kind(), r.display(), e);
                return new LaunchResult(r, started, Optional.of(describeLaunchFailure(r, name, e)));
            }
            register(s);
            started.add(new ActionTarget(s.pid(), s.name(), "", true));
            log.info("launched: name={} pid={} kind={} daemon={} command={}", s.name(), s.pid(), s.kind(),
                    s.daemon(), s.commandLine());
        }
        return new LaunchResult(r, started, Optional.empty());
    }

    private Supervised startProcess(LaunchRequest r, String name) {
        Process p = new Process(name, MainClassTarget.of(r));
        p.setDaemon(r.daemon());
        p.start();
        return new LaunchedProcess(ids.incrementAndGet(), p, p.getPid().orElseThrow(), r.display());
    }

    private Supervised startCommand(LaunchRequest r, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(r.arguments());
        if (!r.workingDirectory().isBlank()) {
            pb.directory(new File(r.workingDirectory().strip()));
        }
        java.lang.Process jp = pb.start();
        return new LaunchedCommand(ids.incrementAndGet(), name, jp, r.daemon(), r.display(), COMMAND_OUTPUT_CAPACITY);
    }

    /** "Could not start “sleepy”: No such file or directory". */
    static String describeLaunchFailure(LaunchRequest r, String name, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException) {
            // "Cannot run program "x": error=2, No such file or directory" -> the OS's words
            int at = reason.indexOf("error=");
            int comma = at < 0 ? -1 : reason.indexOf(", ", at);
            if (comma > 0) {
                reason = reason.substring(comma + 2);
            }
        }
        String what = r.kind() == LaunchRequest.Kind.COMMAND ? r.arguments().get(0) : name;
        return "Could not start \u201c" + what + "\u201d: " + reason;
    }

    private void register(Supervised s) {
        all.add(s);
        byPid.put(s.pid(), s);
        s.onExit().whenComplete((code, failure) -> {
            int c = code == null ? Integer.MIN_VALUE : code;
            ProcessExit exit = new ProcessExit(new ActionTarget(s.pid(), s.name(), "", true),
                    s.kind() == Supervised.Kind.COMMAND, c, signalledIds.contains(s.id()));
            log.info("ended: name={} pid={} exitcode={}", s.name(), s.pid(), c);
            for (Consumer<? super ProcessExit> l : exitListeners) {
                try {
                    l.accept(exit);
                } catch (RuntimeException e) {
                    log.warn("exit listener failed: name={} pid={}", s.name(), s.pid(), e);
                }
            }
            prune();
        });
    }

    /** Forgets the oldest ended launches beyond {@link #ENDED_KEPT}. */
    private void prune() {
        List<Supervised> ended = all.stream().filter(x -> !x.isAlive()).collect(Collectors.toList());
        for (int i = 0; i < ended.size() - ENDED_KEPT; i++) {
            Supervised old = ended.get(i);
            all.remove(old);
            byPid.remove(old.pid(), old);
            signalledIds.remove(old.id());
        }
    }

    // ---- what is supervised ----

    /** Every launch still remembered, oldest first. */
    public List<Supervised> supervised() {
        return List.copyOf(all);
    }

    /** The launched process with {@code pid}, the newest if the pid was reused. */
    public Optional<Supervised> find(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** The library {@code Process} the app launched with {@code pid}, if any (for tests and tools). */
    public Optional<Process> libraryProcess(long pid) {
        Supervised s = byPid.get(pid);
        return s instanceof LaunchedProcess ? Optional.of(((LaunchedProcess) s).process()) : Optional.empty();
    }

    /** The OS commands launched, oldest first, as they are now. Reads {@code /proc}: not on the FX thread. */
    public List<CommandInfo> commands() {
        List<CommandInfo> out = new ArrayList<>();
        for (Supervised s : all) {
            if (s.kind() == Supervised.Kind.COMMAND) {
                boolean alive = s.isAlive();
                out.add(new CommandInfo(s.id(), s.name(), s.pid(), s.daemon(), s.commandLine(), alive,
                        s.exitCode(), alive ? OsState.of(s.pid()) : OsState.GONE));
            }
        }
        return out;
    }

    /** The kept tail of stdout (0) or stderr (1) of command {@code id}; empty if unknown. */
    public String commandOutput(long id, int stream) {
        for (Supervised s : all) {
            if (s.id() == id && s instanceof LaunchedCommand) {
                return ((LaunchedCommand) s).output(stream);
            }
        }
        return "";
    }

    @Override
    public boolean isLaunched(long pid) {
        Supervised s = byPid.get(pid);
        return s != null && s.isAlive();
    }

    @Override
    public boolean supportsFreeze() {
        return signals.supportsStop();
    }

    @Override
    public List<ActionTarget> running(boolean includeDaemons) {
        return all.stream().filter(Supervised::isAlive).filter(s -> includeDaemons || !s.daemon())
                .map(s -> new ActionTarget(s.pid(), s.name(), "", true)).collect(Collectors.toList());
    }

    // ---- actions ----

    @Override
    public CompletableFuture<List<ActionTarget>> resolve(ActionTarget root, boolean subtree,
                                                         List<ActionTarget> known) {
        Map<Long, ActionTarget> names = new LinkedHashMap<>();
        for (ActionTarget t : known) {
            names.putIfAbsent(t.pid(), t);
        }
        return CompletableFuture.supplyAsync(() -> {
            List<ActionTarget> out = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            seen.add(root.pid());
            // Alone, a root that has ended is still the target (acting on it says it has ended); in a subtree it
            // is skipped, and its live descendants are what the user means.
            if (root.pid() != SELF && (!subtree || alive(root.pid()))) {
                out.add(root.withLaunched(isLaunchedOrDescendant(root.pid())));
            }
            if (subtree) {
                ProcessHandle.of(root.pid()).ifPresent(h -> addDescendants(h, names, out, seen));
                for (ActionTarget t : names.values()) {
                    if (t.pid() != SELF && seen.add(t.pid()) && alive(t.pid())) {
                        out.add(t.withLaunched(isLaunchedOrDescendant(t.pid())));
                    }
                }
            }
            return out;
        }, executor);
    }

    /** Adds the live children of {@code h}, each followed by its own descendants (pre-order). */
    private void addDescendants(ProcessHandle h, Map<Long, ActionTarget> names, List<ActionTarget> out,
                                Set<Long> seen) {
        for (ProcessHandle c : h.children().collect(Collectors.toList())) {
            if (c.pid() == SELF || !seen.add(c.pid()) || !c.isAlive()) {
                continue;
            }
            ActionTarget named = names.get(c.pid());
            ActionTarget t = named != null ? named
                    : new ActionTarget(c.pid(), executableName(c), "", false);
            out.add(t.withLaunched(isLaunchedOrDescendant(c.pid())));
            addDescendants(c, names, out, seen);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String executableName(ProcessHandle h) {
        return h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process");
    }

    /**
     * True if {@code pid} is a live process the app launched, or a descendant of one (a library child's own
     * children, a command's children): those the user started from here, through the app.
     */
    boolean isLaunchedOrDescendant(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        for (int depth = 0; depth < 64 && h.isPresent(); depth++) {
            long p = h.get().pid();
            if (p == SELF || p <= 1) {
                return false;
            }
            if (isLaunched(p)) {
                return true;
            }
            h = h.get().parent();
        }
        return false;
    }

    @Override
    public CompletableFuture<ActionReport> act(ProcessAction action, List<ActionTarget> targets) {
        List<ActionTarget> ordered = new ArrayList<>(targets);
        if (action == ProcessAction.RESUME) {
            java.util.Collections.reverse(ordered);
        }
        return CompletableFuture.supplyAsync(() -> {
            List<ActionReport.Outcome> outcomes = new ArrayList<>();
            for (ActionTarget t : ordered) {
                SignalException.Reason failure = null;
                try {
                    apply(action, t);
                    log.info("signalled: action={} name={} pid={} launched={}", action, t.name(), t.pid(),
                            t.launched());
                } catch (SignalException e) {
                    failure = e.reason();
                    log.info("signal not delivered: action={} name={} pid={} reason={}", action, t.name(), t.pid(),
                            e.getMessage());
                } catch (RuntimeException e) {
                    failure = SignalException.Reason.FAILED;
                    log.warn("signal failed: action={} name={} pid={}", action, t.name(), t.pid(), e);
                }
                outcomes.add(new ActionReport.Outcome(t, failure));
            }
            return new ActionReport(action, outcomes);
        }, executor);
    }

    private void apply(ProcessAction action, ActionTarget t) {
        if (t.pid() == SELF) {
            throw new SignalException(SignalException.Reason.NOT_PERMITTED, "the app does not signal itself: pid=" + SELF);
        }
        PosixSignals.Signal sig = action.signal();
        Supervised s = byPid.get(t.pid());
        if (s != null && s.isAlive()) {
            if (sig == PosixSignals.Signal.TERM || sig == PosixSignals.Signal.KILL) {
                signalledIds.add(s.id());
            }
            s.signal(sig, signals);
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(t.pid());
        if (h.isEmpty() || !h.get().isAlive()) {
            throw new SignalException(SignalException.Reason.NO_SUCH_PROCESS, "no such process: pid=" + t.pid());
        }
        switch (sig) {
            case TERM:
                if (!h.get().destroy()) {
                    throw failure(signals, t.pid(), sig);
                }
                if (signals.supportsStop() && OsState.of(t.pid()).stopped()) {
                    signals.send(t.pid(), PosixSignals.Signal.CONT); // let it die
                }
                break;
            case KILL:
                if (!h.get().destroyForcibly()) {
                    throw failure(signals, t.pid(), sig);
                }
                break;
            default:
                signals.send(t.pid(), sig);
                break;
        }
    }

    /** Why {@code ProcessHandle.destroy} returned false, as a SignalException. */
    static SignalException failure(PosixSignals signals, long pid, PosixSignals.Signal sig) {
        SignalException.Reason r = signals.probe(pid);
        return new SignalException(r != null ? r : SignalException.Reason.FAILED,
                "signal not delivered: pid=" + pid + " signal=" + sig.signalName());
    }

    @Override
    public CompletableFuture<JoinResult> join(ActionTarget target) {
        Supervised s = byPid.get(target.pid());
        if (s != null) {
            ActionTarget t = target.withLaunched(true);
            return s.onExit().handle((code, e) -> new JoinResult(t, true,
                    code == null ? OptionalInt.empty() : OptionalInt.of(code)));
        }
        Optional<ProcessHandle> h = ProcessHandle.of(target.pid());
        if (h.isEmpty() || !h.get().isAlive()) {
            return CompletableFuture.failedFuture(new SignalException(SignalException.Reason.NO_SUCH_PROCESS,
                    "no such process: pid=" + target.pid()));
        }
        // Not our child: the OS does not tell us its exit status, only that it ended.
        return h.get().onExit().thenApply(x -> new JoinResult(target, false, OptionalInt.empty()));
    }

    // ---- exit ----

    @Override
    public CompletableFuture<Void> awaitNonDaemon() {
        List<CompletableFuture<Integer>> ends = all.stream().filter(s -> !s.daemon() && s.isAlive())
                .map(Supervised::onExit).collect(Collectors.toList());
        return CompletableFuture.allOf(ends.toArray(new CompletableFuture<?>[0]))
                .handle((x, e) -> null); // a failed exit future still means it ended
    }

    @Override
    public CompletableFuture<Void> stopAll(Duration grace) {
        return CompletableFuture.runAsync(() -> {
            try {
                stopAllNow(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, executor);
    }

    /**
     * Terminates every live launched process, waits up to {@code grace}, kills the rest and waits up to five seconds
     * more. Blocks: never on the FX thread.
     *
     * @return true if all have ended
     */
    public boolean stopAllNow(Duration grace) throws InterruptedException {
        List<Supervised> live = all.stream().filter(Supervised::isAlive).collect(Collectors.toList());
        if (live.isEmpty()) {
            return true;
        }
        for (Supervised s : live) {
            signalQuietly(s, PosixSignals.Signal.TERM);
        }
        if (awaitAll(live, grace)) {
            return true;
        }
        for (Supervised s : live) {
            if (s.isAlive()) {
                log.warn("process did not end on SIGTERM, killing it: name={} pid={} grace={}", s.name(), s.pid(),
                        grace);
                signalQuietly(s, PosixSignals.Signal.KILL);
            }
        }
        return awaitAll(live, Duration.ofSeconds(5));
    }

    private static boolean awaitAll(List<Supervised> list, Duration timeout) throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(
                list.stream().map(Supervised::onExit).toArray(CompletableFuture<?>[]::new));
        try {
            all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return list.stream().noneMatch(Supervised::isAlive);
        }
    }

    private void signalQuietly(Supervised s, PosixSignals.Signal sig) {
        try {
            signalledIds.add(s.id());
            s.signal(sig, signals);
        } catch (RuntimeException e) {
            // it ended meanwhile
        }
    }

    /** Sends SIGTERM to every live daemon launch (library daemons and daemon commands); does not wait. */
    public void terminateDaemons() {
        for (Supervised s : all) {
            if (s.daemon() && s.isAlive()) {
                signalQuietly(s, PosixSignals.Signal.TERM);
            }
        }
    }

    /**
     * Stops taking launches and terminates the daemon launches without waiting: a non-daemon thread
     * ({@code mp-control-shutdown}) gives them {@link #DAEMON_GRACE} to end and kills what is left (a daemon command
     * that ignores SIGTERM), so the JVM's exit waits at most that long. Non-daemon children are left to the caller's
     * exit choice (and to the library's exit function, which joins them). Never blocks.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Supervised> daemons = all.stream().filter(s -> s.daemon() && s.isAlive()).collect(Collectors.toList());
        terminateDaemons();
        executor.shutdown();
        if (!daemons.isEmpty()) {
            Thread t = new Thread(() -> {
                try {
                    if (!awaitAll(daemons, DAEMON_GRACE)) {
                        for (Supervised s : daemons) {
                            if (s.isAlive()) {
                                log.warn("daemon did not end on SIGTERM, killing it: name={} pid={}", s.name(), s.pid());
                                signalQuietly(s, PosixSignals.Signal.KILL);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mp-control-shutdown");
            t.start();
        }
    }
}
