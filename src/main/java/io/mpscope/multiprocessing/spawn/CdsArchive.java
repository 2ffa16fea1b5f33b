package io.mpscope.multiprocessing.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;

/**
 * A class-data-sharing archive of the child bootstrap, built on first use, so later child JVMs map the classes they
 * need instead of loading them: on JDK 17-24 a dynamic archive ({@code -XX:ArchiveClassesAtExit}, then
 * {@code -XX:SharedArchiveFile}); on JDK 25+ an AOT cache (JEP 483/514: {@code -XX:AOTCacheOutput}, then
 * {@code -XX:AOTCache}), which also keeps linked classes and method profiles.
 *
 * <p>The JVM accepts an archive only for the identical, absolute, jar-only class path it was made with ("Cannot
 * have non-empty directory in paths"), so under {@code mvn javafx:run} or a test runner (class folders) there is
 * none, and children start without it. The archive lives in {@code ~/.cache/mpscope/cds/<hash>.jsa} (or
 * {@code -Dmpscope.cds.dir}), keyed by java, its version, the class path and the flags. It is made by a training
 * child in the background, checked with {@code -Xshare:on}, and moved into place atomically; a failed attempt
 * leaves a {@code .failed} marker so it is not retried at every start. {@code -Dmpscope.cds=false} turns it off.
 */
final class CdsArchive {
    private static final AtomicBoolean ATTEMPTED = new AtomicBoolean();
    private static volatile Path ready;

    private CdsArchive() {
    }

    /** True on JDK 25+, where the AOT cache replaces the dynamic archive. */
    static boolean aot() {
        return Runtime.version().feature() >= 25;
    }

    /** The JVM options that use a ready archive at {@code path}. */
    static java.util.List<String> useOptions(Path path) {
        // The JVM logs an unusable archive on stdout, which is the user's output: never let it speak.
        return aot() ? java.util.List.of("-XX:AOTCache=" + path, "-Xlog:cds*=off", "-Xlog:aot*=off")
                : java.util.List.of("-XX:SharedArchiveFile=" + path, "-Xlog:cds*=off");
    }

    /** The archive if it is ready; otherwise empty, and (once per JVM) starts building it in the background. */
    static Optional<Path> ready() {
        Path r = ready;
        if (r != null) {
            return Optional.of(r);
        }
        if (!Boolean.parseBoolean(System.getProperty("mpscope.cds", "true"))) {
            return Optional.empty();
        }
        Path target = archivePath();
        if (target == null) {
            return Optional.empty();
        }
        if (Files.isRegularFile(target)) {
            ready = target;
            return Optional.of(target);
        }
        if (ATTEMPTED.compareAndSet(false, true) && !Files.exists(failedMarker(target))) {
            Thread t = new Thread(() -> build(target), "mp-cds");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
        return Optional.empty();
    }

    /** The archive's path for this java, class path and flag set; null if the class path is not jar-only. */
    static Path archivePath() {
        String cp = JavaCommand.classPath();
        if (cp.isEmpty()) {
            return null;
        }
        for (String e : cp.split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!p.isAbsolute() || !e.endsWith(".jar") || !Files.isRegularFile(p) || hasClassPathManifest(p)) {
                return null;
            }
        }
        StringBuilder key = new StringBuilder(JavaCommand.javaExecutable()).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n')
                .append(String.join(" ", JavaCommand.flags())).append('\n');
        for (String e : cp.split(File.pathSeparator)) {
            // The JVM refuses an archive whose jars changed (size or time): a rebuilt jar needs a new archive.
            try {
                key.append(e).append(' ').append(Files.size(Path.of(e))).append(' ')
                        .append(Files.getLastModifiedTime(Path.of(e)).toMillis()).append('\n');
            } catch (IOException ex) {
                return null;
            }
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return dir().resolve(HexFormat.of().formatHex(h, 0, 12) + (aot() ? ".aot" : ".jsa"));
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** A manifest Class-Path (as in test runners' booter jars) may name folders, which the JVM refuses. */
    private static boolean hasClassPathManifest(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.getManifest() != null && jf.getManifest().getMainAttributes().getValue("Class-Path") != null;
        } catch (IOException e) {
            return true;
        }
    }

    static Path dir() {
        String d = System.getProperty("mpscope.cds.dir");
        return d != null ? Path.of(d) : Path.of(System.getProperty("user.home"), ".cache", "mpscope", "cds");
    }

    private static Path failedMarker(Path target) {
        return target.resolveSibling(target.getFileName() + ".failed");
    }

    private static void build(Path target) {
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        String reason;
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            int train = aot()
                    ? run(command("-XX:AOTCacheOutput=" + tmp, "--train"))
                    : run(command("-XX:ArchiveClassesAtExit=" + tmp, "--train"));
            if (train == 0 && Files.isRegularFile(tmp)) {
                int check = aot()
                        ? run(command("-XX:AOTCache=" + tmp, "-XX:AOTMode=on", "--check"))
                        : run(command("-XX:SharedArchiveFile=" + tmp, "-Xshare:on", "--check"));
                if (check == 0) {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    ready = target;
                    pruneOld(target.getParent(), 8);
                    return;
                }
                reason = "check exit=" + check;
            } else {
                reason = "training exit=" + train;
            }
        } catch (IOException | RuntimeException e) {
            reason = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            Files.deleteIfExists(tmp);
            Files.writeString(failedMarker(target), reason + "\n");
        } catch (IOException ignored) {
            // next JVM retries
        }
    }

    /** Keeps the {@code keep} newest archives: every rebuilt jar makes a new one. */
    static void pruneOld(Path dir, int keep) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>(files
                    .filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList());
            archives.sort(java.util.Comparator.comparingLong((Path p) -> p.toFile().lastModified()).reversed());
            for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException ignored) {
            // a cache: leaving a file behind is harmless
        }
    }

    private static List<String> command(String... extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JavaCommand.javaExecutable());
        cmd.addAll(JavaCommand.flags());
        String mode = extra[extra.length - 1];
        for (int i = 0; i < extra.length - 1; i++) {
            cmd.add(extra[i]);
        }
        cmd.add("-cp");
        cmd.add(JavaCommand.classPath());
        cmd.add(ChildMain.class.getName());
        cmd.add(mode);
        return cmd;
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
