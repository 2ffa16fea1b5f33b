package io.mpscope.app.services;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small classes at test time, so they are on no class path but the one the test gives. */
final class Compiled {
    private Compiled() {
    }

    /**
     * A program {@code demo.Hello} whose main writes its arguments, one per line, to the file named by the first,
     * or throws {@code java.io.IOException("boom")} when the first is {@code boom}.
     */
    static final String HELLO = "package demo;\n"
            + "public class Hello {\n"
            + "  public static void main(String[] args) throws Exception {\n"
            + "    if (args[0].equals(\"boom\")) throw new java.io.IOException(\"boom\");\n"
            + "    java.nio.file.Files.write(java.nio.file.Path.of(args[0]), java.util.List.of(args));\n"
            + "  }\n"
            + "}\n";

    /**
     * A program {@code demo.Nested} that starts a library Process of its own (a lambda of its class) which writes
     * {@code from <its name>} to the file named by the first argument; it exits with that child's exit code.
     */
    static final String NESTED = "package demo;\n"
            + "import io.mpscope.multiprocessing.process.Process;\n"
            + "public class Nested {\n"
            + "  public static void main(String[] args) throws Exception {\n"
            + "    String out = args[0];\n"
            + "    Process p = new Process(\"grandchild\", () -> java.nio.file.Files.writeString(java.nio.file.Path.of(out),\n"
            + "        \"from \" + io.mpscope.multiprocessing.Multiprocessing.currentProcess().getName()));\n"
            + "    p.start();\n"
            + "    p.join();\n"
            + "    System.exit(p.getExitCode().getAsInt());\n"
            + "  }\n"
            + "}\n";

    /** A class with no main. */
    static final String NO_MAIN = "package demo;\npublic class NoMain { public void main(String[] a) { } }\n";

    /** Compiles {@code source} of class {@code name} into {@code dir}; returns {@code dir}. */
    static Path compile(Path dir, String name, String source) throws IOException {
        Path src = dir.resolve("src").resolve(name.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        if (rc != 0) {
            throw new IllegalStateException("test class did not compile: class=" + name);
        }
        return classes;
    }

    /** A jar of {@code classes}' files {@code entries} with {@code mainClass} in its manifest (null: none). */
    static Path jar(Path jar, Path classes, List<String> entries, String mainClass) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (String e : entries) {
                j.putNextEntry(new JarEntry(e));
                j.write(Files.readAllBytes(classes.resolve(e)));
                j.closeEntry();
            }
        }
        return jar;
    }
}
