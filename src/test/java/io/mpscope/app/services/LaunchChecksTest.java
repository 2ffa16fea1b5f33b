package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks before launching, against real files, class paths and the PATH. */
class LaunchChecksTest {
    @TempDir
    Path dir;

    private static LaunchRequest java(String target, List<String> classPath) {
        return new LaunchRequest(LaunchRequest.Kind.JAVA, target, classPath, List.of(), "", List.of("x"), false);
    }

    private static LaunchRequest command(String dir, String... words) {
        return new LaunchRequest(LaunchRequest.Kind.COMMAND, "", List.of(), List.of(words), dir, List.of("x"), false);
    }

    @Test
    void shouldAcceptAMainClassOnTheAppsClassPath() {
        assertEquals(LaunchCheck.fine("Runs io.mpscope.app.demo.SleepyMain.main(String[])"),
                LaunchChecks.check(java("io.mpscope.app.demo.SleepyMain", List.of())));
    }

    @Test
    void shouldFindAClassOnTheExtraClassPathOnly() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Hello", Compiled.HELLO);
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "No class demo.Hello on the class path"),
                LaunchChecks.check(java("demo.Hello", List.of())));
        assertTrue(LaunchChecks.check(java("demo.Hello", List.of(classes.toString()))).ok());
    }

    @Test
    void shouldRejectAClassWithoutAStaticMain() throws Exception {
        Path classes = Compiled.compile(dir, "demo.NoMain", Compiled.NO_MAIN);
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "demo.NoMain has no public static void main(String[])"),
                LaunchChecks.check(java("demo.NoMain", List.of(classes.toString()))));
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "java.lang.String has no public static void main(String[])"),
                LaunchChecks.check(java("java.lang.String", List.of())));
    }

    @Test
    void shouldRejectAMissingClassPathEntry() {
        assertEquals(LaunchCheck.problem(LaunchCheck.CLASS_PATH, "Class path entry not found: /no/such/lib.jar"),
                LaunchChecks.check(java("io.mpscope.app.demo.SleepyMain", List.of("/no/such/lib.jar"))));
    }

    @Test
    void shouldCheckAJarAndItsManifest() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Hello", Compiled.HELLO);
        Path good = Compiled.jar(dir.resolve("good.jar"), classes, List.of("demo/Hello.class"), "demo.Hello");
        Path bare = Compiled.jar(dir.resolve("bare.jar"), classes, List.of("demo/Hello.class"), null);
        Path wrong = Compiled.jar(dir.resolve("wrong.jar"), classes, List.of("demo/Hello.class"), "demo.Gone");
        Path notAJar = Files.writeString(dir.resolve("text.jar"), "not a zip");

        assertEquals(LaunchCheck.fine("Runs demo.Hello.main(String[])"), LaunchChecks.check(java(good.toString(), List.of())));
        assertEquals(LaunchCheck.TARGET, LaunchChecks.check(java(bare.toString(), List.of())).field());
        assertTrue(LaunchChecks.check(java(bare.toString(), List.of())).message().startsWith("The jar has no Main-Class"));
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "The jar's Main-Class demo.Gone is not in the jar"),
                LaunchChecks.check(java(wrong.toString(), List.of())));
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "No such jar file: " + dir.resolve("none.jar")),
                LaunchChecks.check(java(dir.resolve("none.jar").toString(), List.of())));
        assertEquals(LaunchCheck.problem(LaunchCheck.TARGET, "Not a readable jar file: " + notAJar),
                LaunchChecks.check(java(notAJar.toString(), List.of())));
    }

    @Test
    void shouldFindACommandOnThePathOrByItsPath() throws Exception {
        LaunchCheck sh = LaunchChecks.check(command("", "sh", "-c", "exit 0"));
        assertTrue(sh.ok(), sh.message());
        assertTrue(sh.message().startsWith("Runs /"), sh.message());

        assertEquals(LaunchCheck.problem(LaunchCheck.COMMAND, "Command not found on the PATH: no-such-program-xyz"),
                LaunchChecks.check(command("", "no-such-program-xyz")));
        assertEquals(LaunchCheck.problem(LaunchCheck.COMMAND, "No such program: ./nothing-here"),
                LaunchChecks.check(command(dir.toString(), "./nothing-here")));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "echo hi");
        assertEquals(LaunchCheck.problem(LaunchCheck.COMMAND, "Not executable: " + plain),
                LaunchChecks.check(command("", plain.toString())));
        assertEquals(LaunchCheck.problem(LaunchCheck.COMMAND, "Is a directory, not a program: " + dir),
                LaunchChecks.check(command("", dir.toString())));
    }

    @Test
    void shouldRejectAMissingWorkingDirectory() {
        assertEquals(LaunchCheck.problem(LaunchCheck.DIRECTORY, "No such directory: /no/such/dir"),
                LaunchChecks.check(command("/no/such/dir", "sh")));
    }
}
