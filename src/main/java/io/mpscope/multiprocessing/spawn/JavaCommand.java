package io.mpscope.multiprocessing.spawn;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a child JVM: the same {@code java} and class path as this process, lean start-up flags, the
 * class-data-sharing archive when one is ready ({@link CdsArchive}), and {@link ChildMain}.
 *
 * <p>Cold children ({@code --cold}, the spawn start method) also get {@code -XX:TieredStopAtLevel=1}: they run
 * at once with nothing compiled, and the first JIT tier gets them going sooner. Standby JVMs keep the full JIT and
 * compile the shared primitives' fast paths while they wait (see {@code synchronize.Warmup}).
 *
 * <p>The lean flags trade nothing a short or idle child needs: no perf-data file, CDS mapped at its preferred
 * address (Debian's JDK 17 relocates it by default, which costs ~30 ms of start-up), and a small initial heap.
 * {@code -Dmpscope.child.jvmFlags="..."} replaces them; a Process's own JVM args come after them.
 */
final class JavaCommand {
    static final List<String> DEFAULT_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0",
            "-Xss512k",
            "-Xms8m");

    private static volatile String java;

    private JavaCommand() {
    }

    /** The {@code java} launcher this JVM was started with. */
    static String javaExecutable() {
        String j = java;
        if (j == null) {
            // java.home's launcher first: in a jpackage'd app this JVM's own command is the app's launcher, which
            // would start the app again instead of a child.
            String exe = File.separatorChar == '\\' ? "java.exe" : "java";
            Path home = Path.of(System.getProperty("java.home"), "bin", exe);
            j = Files.isExecutable(home) ? home.toString()
                    : ProcessHandle.current().info().command()
                    .filter(c -> Files.isExecutable(Path.of(c)) && Path.of(c).getFileName().toString().equals(exe))
                    .orElse(home.toString());
            java = j;
        }
        return j;
    }

    static String classPath() {
        return System.getProperty("java.class.path", "");
    }

    static List<String> flags() {
        String override = System.getProperty("mpscope.child.jvmFlags");
        if (override != null) {
            return override.isBlank() ? List.of() : Arrays.asList(override.trim().split("\\s+"));
        }
        return DEFAULT_FLAGS;
    }

    /** The full command: java, flags, archive, extra args, class path, ChildMain, then {@code mainArgs}. */
    static List<String> build(List<String> extraJvmArgs, boolean useArchive, String... mainArgs) {
        List<String> cmd = new ArrayList<>(24);
        cmd.add(javaExecutable());
        cmd.addAll(flags());
        if (mainArgs.length > 0 && mainArgs[0].equals("--cold") && System.getProperty("mpscope.child.jvmFlags") == null) {
            // A cold child starts its work at once, with nothing compiled: the first JIT tier alone gets it going
            // sooner. Standby JVMs keep the full JIT and warm the library's hot paths while they wait.
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        if (useArchive) {
            Optional<Path> archive = CdsArchive.ready();
            archive.ifPresent(a -> cmd.addAll(CdsArchive.useOptions(a)));
        }
        cmd.addAll(extraJvmArgs);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ChildMain.class.getName());
        cmd.addAll(Arrays.asList(mainArgs));
        return cmd;
    }
}
