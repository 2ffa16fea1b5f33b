package io.mpscope.app.services;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a launch request where the file system and class path can tell: the jar or class exists and has a
 * {@code public static void main(String[])}, the class path entries exist, the command's program is found and
 * executable, the working directory is a directory. Blocking IO and class loading: never on the FX thread.
 *
 * <p>A class is loaded without initialising it (no static initialiser of the user's code runs in the app), by a
 * throw-away class loader over the extra class path whose parent is the app's own loader, as in the child.
 */
public final class LaunchChecks {
    private LaunchChecks() {
    }

    /** Checks {@code r}; never throws for a bad request, it says what is wrong. */
    public static LaunchCheck check(LaunchRequest r) {
        try {
            return r.kind() == LaunchRequest.Kind.JAVA ? checkJava(r) : checkCommand(r);
        } catch (RuntimeException | LinkageError e) {
            // a malformed class file or a path the OS rejects: say so rather than fail the dialog
            return LaunchCheck.problem(r.kind() == LaunchRequest.Kind.JAVA ? LaunchCheck.TARGET : LaunchCheck.COMMAND,
                    "Cannot check this: " + describe(e));
        }
    }

    private static LaunchCheck checkJava(LaunchRequest r) {
        for (String entry : r.classPath()) {
            Path p = path(entry);
            if (p == null || !Files.exists(p)) {
                return LaunchCheck.problem(LaunchCheck.CLASS_PATH, "Class path entry not found: " + entry);
            }
        }
        List<String> cp = new ArrayList<>();
        String className;
        String target = r.target().strip();
        if (r.targetIsJar()) {
            Path jar = path(target);
            if (jar == null || !Files.isRegularFile(jar)) {
                return LaunchCheck.problem(LaunchCheck.TARGET, "No such jar file: " + target);
            }
            if (!Files.isReadable(jar)) {
                return LaunchCheck.problem(LaunchCheck.TARGET, "The jar file cannot be read: " + target);
            }
            try {
                className = MainClassTarget.manifestMainClass(jar);
            } catch (IllegalArgumentException e) {
                return LaunchCheck.problem(LaunchCheck.TARGET,
                        "The jar has no Main-Class in its manifest: put it on the class path and give the class");
            } catch (IOException e) {
                return LaunchCheck.problem(LaunchCheck.TARGET, "Not a readable jar file: " + target);
            }
            cp.add(target);
        } else {
            className = target;
        }
        cp.addAll(r.classPath());
        try (URLClassLoader loader = new URLClassLoader(MainClassTarget.urls(cp), LaunchChecks.class.getClassLoader())) {
            Class<?> cls;
            try {
                cls = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                return LaunchCheck.problem(LaunchCheck.TARGET, r.targetIsJar()
                        ? "The jar's Main-Class " + className + " is not in the jar"
                        : "No class " + className + " on the class path");
            }
            try {
                Method m = MainClassTarget.mainMethod(cls);
                return LaunchCheck.fine("Runs " + m.getDeclaringClass().getName() + ".main(String[])");
            } catch (NoSuchMethodException e) {
                return LaunchCheck.problem(LaunchCheck.TARGET,
                        className + " has no public static void main(String[])");
            }
        } catch (IOException e) {
            return LaunchCheck.problem(LaunchCheck.CLASS_PATH, "Cannot read the class path: " + describe(e));
        }
    }

    private static LaunchCheck checkCommand(LaunchRequest r) {
        if (!r.workingDirectory().isBlank()) {
            Path dir = path(r.workingDirectory().strip());
            if (dir == null || !Files.isDirectory(dir)) {
                return LaunchCheck.problem(LaunchCheck.DIRECTORY, "No such directory: " + r.workingDirectory().strip());
            }
        }
        String program = r.arguments().get(0);
        Path found = resolveProgram(program, r.workingDirectory().strip());
        if (found == null) {
            return LaunchCheck.problem(LaunchCheck.COMMAND, program.contains("/") || program.contains(File.separator)
                    ? "No such program: " + program : "Command not found on the PATH: " + program);
        }
        if (Files.isDirectory(found)) {
            return LaunchCheck.problem(LaunchCheck.COMMAND, "Is a directory, not a program: " + program);
        }
        if (!Files.isExecutable(found)) {
            return LaunchCheck.problem(LaunchCheck.COMMAND, "Not executable: " + found);
        }
        return LaunchCheck.fine("Runs " + found);
    }

    /** The file {@code program} names: a path (relative to {@code dir}), or the first match on the PATH. */
    static Path resolveProgram(String program, String dir) {
        if (program.contains("/") || program.contains(File.separator)) {
            Path p = path(program);
            if (p == null) {
                return null;
            }
            if (!p.isAbsolute() && !dir.isBlank()) {
                p = Path.of(dir).resolve(p);
            }
            return Files.exists(p) ? p : null;
        }
        String pathVar = System.getenv("PATH");
        if (pathVar == null) {
            return null;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String d : pathVar.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path base = path(d);
            if (base == null) {
                continue;
            }
            for (String ext : windows ? List.of("", ".exe", ".cmd", ".bat") : List.of("")) {
                Path p = base.resolve(program + ext);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
