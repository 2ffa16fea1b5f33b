package io.mpscope.app.services;

import io.mpscope.multiprocessing.process.ProcessTarget;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The target of a library {@code Process} that runs a user's {@code public static void main(String[])}: in the
 * child it opens a {@link URLClassLoader} over the extra class path (parent: the loader of the app's classes, so
 * the library and the app's logging are shared), loads the main class and calls {@code main} with the arguments.
 * For a jar given without a class, the class is the jar's {@code Main-Class}.
 *
 * <p>An exception thrown by {@code main}, or a class that cannot be found or has no {@code main}, escapes
 * {@link #run()}: the library then prints it on the child's stderr after a {@code Process <name>:} line and the
 * exit code is 1. {@code System.exit(n)} inside {@code main} gives exit code n. The extra entries are appended to
 * the child's {@code java.class.path}, so the Processes the program starts itself can load its classes. Serializable:
 * only strings.
 */
public final class MainClassTarget implements ProcessTarget {
    private static final long serialVersionUID = 1L;

    private final String[] classPath;
    private final String mainClass;
    private final String[] args;

    /**
     * @param classPath extra class path entries (jars or folders); a jar target goes first
     * @param mainClass the class to run, or null to read {@code Main-Class} from the first class path entry
     * @param args      the arguments of {@code main}
     */
    public MainClassTarget(List<String> classPath, String mainClass, List<String> args) {
        this.classPath = classPath.toArray(new String[0]);
        this.mainClass = mainClass;
        this.args = args.toArray(new String[0]);
    }

    /** For the launch request: a jar target goes first on the class path and names the class by its manifest. */
    static MainClassTarget of(LaunchRequest r) {
        if (r.targetIsJar()) {
            List<String> cp = new ArrayList<>();
            cp.add(r.target().strip());
            cp.addAll(r.classPath());
            return new MainClassTarget(cp, null, r.arguments());
        }
        return new MainClassTarget(r.classPath(), r.target().strip(), r.arguments());
    }

    /** The class to run, or null for the manifest's. */
    public String mainClass() {
        return mainClass;
    }

    /** The extra class path entries. */
    public List<String> classPath() {
        return List.of(classPath);
    }

    /** The arguments of {@code main}. */
    public List<String> args() {
        return List.of(args);
    }

    @Override
    public void run() throws Exception {
        ClassLoader parent = MainClassTarget.class.getClassLoader();
        // Not closed: the program may load classes lazily for as long as it runs, and the JVM ends with it.
        URLClassLoader loader = new URLClassLoader(urls(List.of(classPath)), parent);
        String name = mainClass != null ? mainClass : manifestMainClass(Path.of(classPath[0]));
        Class<?> cls = Class.forName(name, true, loader);
        Method main = mainMethod(cls);
        Thread.currentThread().setContextClassLoader(loader);
        // The library starts a child JVM with this JVM's java.class.path: Processes the program starts must find
        // its classes (a lambda of its own class, say), so they go on that class path too.
        System.setProperty("java.class.path", extendedClassPath(System.getProperty("java.class.path", ""),
                List.of(classPath)));
        try {
            main.invoke(null, (Object) args.clone());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** {@code current} followed by the absolute forms of {@code extra} that it does not hold yet. */
    static String extendedClassPath(String current, List<String> extra) {
        List<String> entries = new ArrayList<>();
        if (!current.isEmpty()) {
            entries.addAll(List.of(current.split(java.util.regex.Pattern.quote(File.pathSeparator))));
        }
        for (String e : extra) {
            String abs = new File(e).getAbsolutePath();
            if (!entries.contains(abs)) {
                entries.add(abs);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The class path entries as URLs. */
    static URL[] urls(List<String> entries) throws MalformedURLException {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = new File(entries.get(i)).toURI().toURL();
        }
        return urls;
    }

    /**
     * The {@code Main-Class} of the jar at {@code jar}.
     *
     * @throws IOException              if the jar cannot be read
     * @throws IllegalArgumentException "jar has no Main-Class in its manifest: jar=..."
     */
    static String manifestMainClass(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            String name = m == null ? null : m.getMainAttributes().getValue("Main-Class");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("jar has no Main-Class in its manifest: jar=" + jar);
            }
            return name.strip();
        }
    }

    /**
     * The {@code public static void main(String[])} of {@code cls}.
     *
     * @throws NoSuchMethodException "class has no public static void main(String[]): class=..."
     */
    static Method mainMethod(Class<?> cls) throws NoSuchMethodException {
        Method m;
        try {
            m = cls.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("class has no public static void main(String[]): class=" + cls.getName());
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) {
            throw new NoSuchMethodException("class has no public static void main(String[]): class=" + cls.getName());
        }
        m.setAccessible(true); // a public main in a non-public class, as the java launcher allows
        return m;
    }

    @Override
    public String toString() {
        return "MainClassTarget[class=" + (mainClass != null ? mainClass : "(manifest of " + classPath[0] + ")")
                + " classPath=" + String.join(File.pathSeparator, classPath) + " args=" + List.of(args) + "]";
    }
}
