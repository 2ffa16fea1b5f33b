package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process target that runs a main class, called in this JVM (the child does the same). */
class MainClassTargetTest {
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    /** run() extends java.class.path, as it would in the child: this JVM runs the rest of the suite. */
    @AfterEach
    void restoreClassPath() {
        System.setProperty("java.class.path", CLASS_PATH);
    }

    @Test
    void shouldRunMainFromTheExtraClassPathWithTheArguments() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Hello", Compiled.HELLO);
        Path out = dir.resolve("out.txt");

        new MainClassTarget(List.of(classes.toString()), "demo.Hello", List.of(out.toString(), "two words")).run();

        assertEquals(List.of(out.toString(), "two words"), Files.readAllLines(out));
        assertTrue(System.getProperty("java.class.path").endsWith(java.io.File.pathSeparator + classes),
                "Processes the program starts get its classes");
    }

    @Test
    void shouldRunTheMainClassOfAJarsManifest() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Hello", Compiled.HELLO);
        Path jar = Compiled.jar(dir.resolve("hello.jar"), classes, List.of("demo/Hello.class"), "demo.Hello");
        Path out = dir.resolve("out.txt");
        LaunchRequest r = new LaunchRequest(LaunchRequest.Kind.JAVA, jar.toString(), List.of(),
                List.of(out.toString()), "", List.of("hello"), false);

        MainClassTarget t = MainClassTarget.of(r);
        assertNull(t.mainClass(), "read from the manifest in the child");
        t.run();

        assertEquals(List.of(out.toString()), Files.readAllLines(out));
    }

    @Test
    void shouldLetTheProgramsOwnExceptionEscape() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Hello", Compiled.HELLO);
        MainClassTarget t = new MainClassTarget(List.of(classes.toString()), "demo.Hello", List.of("boom"));

        IOException e = assertThrows(IOException.class, t::run, "not wrapped in InvocationTargetException");
        assertEquals("boom", e.getMessage());
    }

    @Test
    void shouldFailForAMissingClassOrMain() throws Exception {
        Path classes = Compiled.compile(dir, "demo.NoMain", Compiled.NO_MAIN);
        assertThrows(ClassNotFoundException.class,
                () -> new MainClassTarget(List.of(), "demo.Nowhere", List.of()).run());
        NoSuchMethodException e = assertThrows(NoSuchMethodException.class,
                () -> new MainClassTarget(List.of(classes.toString()), "demo.NoMain", List.of()).run());
        assertEquals("class has no public static void main(String[]): class=demo.NoMain", e.getMessage());
    }

    @Test
    void shouldAppendTheExtraEntriesToTheClassPathOnce() {
        String sep = java.io.File.pathSeparator;
        assertEquals("/app.jar" + sep + "/lib/x.jar", MainClassTarget.extendedClassPath("/app.jar",
                List.of("/lib/x.jar", "/app.jar")));
        assertEquals(Path.of("rel").toAbsolutePath().toString(),
                MainClassTarget.extendedClassPath("", List.of("rel")));
    }

    @Test
    void shouldSerializeToTheChild() throws Exception {
        MainClassTarget t = new MainClassTarget(List.of("/a.jar"), "com.acme.Main", List.of("x", "y z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(t);
        }
        MainClassTarget back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (MainClassTarget) in.readObject();
        }
        assertEquals("com.acme.Main", back.mainClass());
        assertEquals(List.of("/a.jar"), back.classPath());
        assertEquals(List.of("x", "y z"), back.args());
    }
}
