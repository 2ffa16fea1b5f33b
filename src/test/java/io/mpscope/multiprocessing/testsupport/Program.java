package io.mpscope.multiprocessing.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A root program (a main class under {@code io.mpscope.multiprocessing.programs}) run as its own JVM, with the
 * test's class path, a private runtime folder ({@code -Dmpscope.runtime.dir}) and its stdout and stderr in files.
 */
public final class Program {
    private final java.lang.Process process;
    private final Path stdout;
    private final Path stderr;

    private Program(java.lang.Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code main} with {@code args}; registers it (and the runtime folder) with {@code children}. */
    public static Program start(ChildProcesses children, Path workDir, Path runtimeDir, Class<?> main,
                                String... args) {
        return start(children, workDir, runtimeDir, List.of(), main, args);
    }

    /** As {@link #start(ChildProcesses, Path, Path, Class, String...)}, with extra JVM options for the program. */
    public static Program start(ChildProcesses children, Path workDir, Path runtimeDir, List<String> jvmArgs,
                                Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dmpscope.runtime.dir=" + runtimeDir));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve(main.getSimpleName() + ".out");
        Path err = workDir.resolve(main.getSimpleName() + ".err");
        children.trackRuntimeDir(runtimeDir);
        try {
            java.lang.Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            children.track(p);
            return new Program(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public java.lang.Process process() {
        return process;
    }

    /** Waits for the program to end; fails if it does not within {@code timeout}. Returns its exit status. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("program still running after " + timeout.toMillis() + " ms; stdout:\n"
                    + out() + "\nstderr:\n" + err());
        }
        return process.exitValue();
    }

    public String out() {
        return read(stdout);
    }

    public String err() {
        return read(stderr);
    }

    public List<String> outLines() {
        return out().lines().toList();
    }

    public List<String> errLines() {
        return err().lines().toList();
    }

    /** The session registry files in a runtime folder (none if the folder does not exist). */
    public static List<Path> sessionFiles(Path runtimeDir) {
        if (!Files.isDirectory(runtimeDir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(runtimeDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".session")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
