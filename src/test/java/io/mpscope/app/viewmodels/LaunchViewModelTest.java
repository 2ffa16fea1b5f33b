package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.LaunchCheck;
import io.mpscope.app.services.LaunchRequest;
import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation as the user types, without a toolkit: a fake control answers the background checks. */
class LaunchViewModelTest {
    private final FakeControl control = new FakeControl();
    private final LaunchViewModel vm = new LaunchViewModel(control, Runnable::run);

    @Test
    void shouldAskForATargetWithoutCheckingOrMarkingAnError() {
        assertFalse(vm.isValid());
        assertEquals("Give a main class (com.acme.Main) or a jar file to run.", vm.getMessage());
        assertFalse(vm.messageIsErrorProperty().get(), "an empty form is not an error yet");
        assertEquals("", vm.targetErrorProperty().get());
        assertTrue(control.checked.isEmpty(), "nothing to check");
    }

    @Test
    void shouldRejectAMalformedClassNameAtOnce() {
        vm.targetProperty().set("com.acme.9Main");

        assertFalse(vm.isValid());
        assertEquals("Not a class name or jar file: com.acme.9Main", vm.targetErrorProperty().get());
        assertTrue(vm.messageIsErrorProperty().get());
        assertTrue(control.checked.isEmpty(), "a malformed name is not sent to the file-system check");
    }

    @Test
    void shouldRejectAnUnclosedQuoteInTheArguments() {
        vm.targetProperty().set("com.acme.Main");
        vm.argumentsProperty().set("30 'two words");

        assertFalse(vm.isValid());
        assertEquals("A quote is not closed", vm.argumentsErrorProperty().get());
        assertEquals("A quote is not closed", vm.getMessage());
    }

    @Test
    void shouldRejectACountOutOfRange() {
        vm.targetProperty().set("com.acme.Main");
        vm.countProperty().set(0);
        assertEquals("Between 1 and 64", vm.countErrorProperty().get());
        assertFalse(vm.isValid());

        vm.countProperty().set(65);
        assertEquals("Between 1 and 64", vm.countErrorProperty().get());

        vm.countProperty().set(64);
        assertEquals("", vm.countErrorProperty().get());
    }

    @Test
    void shouldBecomeValidOnlyWhenTheBackgroundCheckPasses() {
        vm.targetProperty().set("com.acme.Main");

        assertFalse(vm.isValid(), "not valid while checking");
        assertTrue(vm.checkingProperty().get());
        assertEquals("Checking\u2026", vm.getMessage());
        assertEquals(1, control.pendingChecks.size());

        control.pendingChecks.get(0).complete(LaunchCheck.fine("Runs com.acme.Main.main(String[])"));

        assertTrue(vm.isValid());
        assertFalse(vm.checkingProperty().get());
        assertEquals("Runs com.acme.Main.main(String[])", vm.getMessage());
        assertEquals("com.acme.Main", vm.request().target());
    }

    @Test
    void shouldMarkTheFieldTheCheckBlames() {
        vm.targetProperty().set("com.acme.Main");
        vm.classPathProperty().set("/nowhere/lib.jar");
        control.pendingChecks.get(control.pendingChecks.size() - 1)
                .complete(LaunchCheck.problem(LaunchCheck.CLASS_PATH, "Class path entry not found: /nowhere/lib.jar"));

        assertFalse(vm.isValid());
        assertNull(vm.request());
        assertEquals("Class path entry not found: /nowhere/lib.jar", vm.classPathErrorProperty().get());
        assertEquals("", vm.targetErrorProperty().get());
        assertTrue(vm.messageIsErrorProperty().get());
    }

    @Test
    void shouldIgnoreAnAnswerToAnOlderInput() {
        vm.targetProperty().set("com.acme.Mian");
        vm.targetProperty().set("com.acme.Main");
        assertEquals(2, control.pendingChecks.size());

        control.pendingChecks.get(1).complete(LaunchCheck.fine("Runs com.acme.Main.main(String[])"));
        control.pendingChecks.get(0).complete(LaunchCheck.problem(LaunchCheck.TARGET, "No class com.acme.Mian"));

        assertTrue(vm.isValid(), "the late answer about the typo does not undo the current one");
        assertEquals("", vm.targetErrorProperty().get());
        assertEquals("Runs com.acme.Main.main(String[])", vm.getMessage());
    }

    @Test
    void shouldNumberNamesAndDeriveThemFromTheClass() {
        control.checkAnswer = LaunchCheck.fine("ok");
        vm.targetProperty().set("io.mpscope.app.demo.SleepyMain");
        vm.argumentsProperty().set("30 \"two words\"");
        vm.countProperty().set(3);
        vm.daemonProperty().set(true);

        LaunchRequest r = vm.request();
        assertEquals(List.of("SleepyMain-1", "SleepyMain-2", "SleepyMain-3"), r.names());
        assertEquals(List.of("30", "two words"), r.arguments());
        assertTrue(r.daemon());
        assertEquals("Starts 3 processes: SleepyMain-1 \u2026 SleepyMain-3 (daemon)", vm.summaryProperty().get());

        vm.nameProperty().set("sleeper");
        vm.countProperty().set(1);
        assertEquals(List.of("sleeper"), vm.request().names());

        vm.nameProperty().set("");
        vm.targetProperty().set("/opt/tools/report-1.2.jar");
        assertEquals(List.of("report-1.2"), vm.request().names());
        assertTrue(vm.request().targetIsJar());
    }

    @Test
    void shouldSplitTheClassPathOnThePlatformSeparator() {
        control.checkAnswer = LaunchCheck.fine("ok");
        vm.targetProperty().set("com.acme.Main");
        vm.classPathProperty().set("/a.jar" + File.pathSeparator + " " + File.pathSeparator + "/b/classes ");

        assertEquals(List.of("/a.jar", "/b/classes"), vm.request().classPath());
    }

    @Test
    void shouldValidateAnOsCommand() {
        control.checkAnswer = LaunchCheck.fine("Runs /bin/sleep");
        vm.kindProperty().set(LaunchRequest.Kind.COMMAND);
        assertEquals("Give a command to run, e.g. sleep 30.", vm.getMessage());

        vm.commandProperty().set("sh -c 'echo \"hi there\"; exit 3");
        assertEquals("A quote is not closed", vm.commandErrorProperty().get());
        assertFalse(vm.isValid());

        vm.commandProperty().set("sh -c 'echo \"hi there\"; exit 3'");
        vm.workingDirectoryProperty().set(" /tmp ");
        assertTrue(vm.isValid());
        LaunchRequest r = vm.request();
        assertEquals(LaunchRequest.Kind.COMMAND, r.kind());
        assertEquals(List.of("sh", "-c", "echo \"hi there\"; exit 3"), r.arguments());
        assertEquals("/tmp", r.workingDirectory());
        assertEquals(List.of("sh"), r.names());
    }

    @Test
    void shouldSayWhenTheCommandIsNotFound() {
        vm.kindProperty().set(LaunchRequest.Kind.COMMAND);
        vm.commandProperty().set("no-such-program --flag");
        control.pendingChecks.get(control.pendingChecks.size() - 1)
                .complete(LaunchCheck.problem(LaunchCheck.COMMAND, "Command not found on the PATH: no-such-program"));

        assertFalse(vm.isValid());
        assertEquals("Command not found on the PATH: no-such-program", vm.commandErrorProperty().get());
    }

    @Test
    void shouldRejectAnOverlongName() {
        vm.targetProperty().set("com.acme.Main");
        vm.nameProperty().set("x".repeat(LaunchViewModel.MAX_NAME + 1));
        assertEquals("At most 60 characters", vm.nameErrorProperty().get());
        assertFalse(vm.isValid());
    }
}
