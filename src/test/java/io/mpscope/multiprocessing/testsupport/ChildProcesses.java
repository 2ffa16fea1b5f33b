package io.mpscope.multiprocessing.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.shm.ProcFs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the list of everything a cross-process test started and kills what is left after each test: library
 * Processes (and their descendants), root-program JVMs, pids children reported, and every live process listed in
 * the session registries of private runtime folders (children of a SIGKILLed root are no longer our descendants).
 *
 * <p>After all tests of a class it checks that nothing leaked: every descendant of this JVM must be a standby JVM
 * of this JVM's own session (standby JVMs live until the JVM exits, by design) or the registry's tracker shell.
 *
 * <p>Use as {@code @RegisterExtension static final ChildProcesses children = new ChildProcesses();}
 */
public final class ChildProcesses implements AfterEachCallback, AfterAllCallback {
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<java.lang.Process> programs = new CopyOnWriteArrayList<>();
    private final List<ProcessHandle> others = new CopyOnWriteArrayList<>();
    private final List<Path> runtimeDirs = new CopyOnWriteArrayList<>();

    /** Tracks a library Process; returns it. */
    public <P extends Process> P track(P p) {
        processes.add(p);
        return p;
    }

    /** Tracks a root-program JVM; returns it. */
    public java.lang.Process track(java.lang.Process p) {
        programs.add(p);
        return p;
    }

    /** Tracks a process known only by pid (a grandchild or an orphan that reported itself). */
    public void trackPid(long pid) {
        ProcessHandle.of(pid).ifPresent(others::add);
    }

    /** Tracks every process that appears in the session registries of {@code dir}. */
    public void trackRuntimeDir(Path dir) {
        runtimeDirs.add(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<ProcessHandle> victims = new ArrayList<>();
        for (Process p : processes) {
            if (p.handle() != null) {
                ProcessHandle.of(p.handle().pid()).ifPresent(h -> {
                    h.descendants().forEach(victims::add);
                    victims.add(h);
                });
            }
        }
        for (java.lang.Process p : programs) {
            p.descendants().forEach(victims::add);
            victims.add(p.toHandle());
        }
        for (Path dir : runtimeDirs) {
            try (Observer o = new Observer(dir)) {
                for (SessionSnapshot s : o.sessions()) {
                    for (ProcessSnapshot ps : s.processes()) {
                        if (ps.alive()) {
                            ProcessHandle.of(ps.pid()).ifPresent(victims::add);
                        }
                    }
                }
            }
        }
        victims.addAll(others);
        victims.removeIf(h -> h.pid() == ProcessHandle.current().pid()); // a crafted registry may list this JVM
        for (ProcessHandle h : victims) {
            h.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                if (p.handle() != null && !p.join(Duration.ofSeconds(10))) {
                    fail("a child survived SIGKILL: " + p);
                }
            } catch (IllegalStateException closed) {
                // closed by the test: it had ended
            }
        }
        for (java.lang.Process p : programs) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : victims) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        processes.clear();
        programs.clear();
        others.clear();
        runtimeDirs.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeakedDescendants();
    }

    /**
     * Fails unless, within a few seconds, every live descendant of this JVM is a standby JVM of its own session
     * or the registry tracker (a JVM being launched is briefly unlisted, hence the polling).
     */
    public static void assertNoLeakedDescendants() {
        Poll.until(Duration.ofSeconds(10), () -> leakedDescendants().isEmpty(),
                () -> "leaked child processes: " + leakedDescendants());
    }

    /** Live descendants of this JVM that are neither its standby JVMs nor its registry tracker. */
    public static List<String> leakedDescendants() {
        Set<Long> standby = Sessions.own()
                .map(s -> s.processes().stream()
                        .filter(p -> p.status() == ProcessStatus.STANDBY && p.alive())
                        .map(ProcessSnapshot::pid)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        return ProcessHandle.current().descendants()
                .filter(h -> ProcFs.isAlive(h.pid(), -1))
                .filter(h -> !standby.contains(h.pid()))
                .filter(h -> !isTracker(h))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?").replaceAll("-cp \\S+", "-cp ..."))
                .collect(Collectors.toList());
    }

    private static boolean isTracker(ProcessHandle h) {
        return h.info().commandLine().map(c -> c.contains("mpscope-tracker")).orElse(false)
                || h.info().arguments().map(a -> List.of(a).contains("mpscope-tracker")).orElse(false);
    }
}
