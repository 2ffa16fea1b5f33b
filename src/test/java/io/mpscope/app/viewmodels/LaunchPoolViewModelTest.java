package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.LaunchRequest;
import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.services.PoolRequest;
import org.junit.jupiter.api.Test;

/** The launch dialog's third kind, a pool made in the app, validated as the user types (no toolkit). */
class LaunchPoolViewModelTest {
    private final FakeControl control = new FakeControl();
    private final LaunchViewModel vm = new LaunchViewModel(control, Runnable::run);

    @Test
    void theDefaultsDescribeAValidPool() {
        vm.kindProperty().set(LaunchRequest.Kind.POOL);

        assertTrue(vm.isValid(), vm.getMessage());
        PoolRequest r = vm.poolRequest();
        assertEquals(new PoolRequest("", 4, 0, PoolDemoTask.SQUARE, 200, 40, 0, PoolRequest.Method.MAP), r);
        assertNull(vm.request(), "not a process launch");
        assertTrue(control.checked.isEmpty(), "nothing to check on disk");
        assertEquals("Makes a pool in mpscope and runs map of square(200) over 40 inputs on 4 workers",
                vm.summaryProperty().get());
    }

    @Test
    void badNumbersAreMarkedOnTheirFields() {
        vm.kindProperty().set(LaunchRequest.Kind.POOL);
        vm.poolProcessesProperty().set("0");
        assertFalse(vm.isValid());
        assertEquals("Between 1 and 64", vm.poolProcessesErrorProperty().get());
        assertEquals("Between 1 and 64", vm.getMessage());
        assertTrue(vm.messageIsErrorProperty().get());
        assertNull(vm.poolRequest());

        vm.poolProcessesProperty().set("3");
        vm.poolInputsProperty().set("lots");
        assertEquals("", vm.poolProcessesErrorProperty().get());
        assertEquals("Not a whole number: lots", vm.poolInputsErrorProperty().get());

        vm.poolInputsProperty().set("");
        assertEquals("Give a number", vm.poolInputsErrorProperty().get());

        vm.poolInputsProperty().set("99999999999999");
        assertEquals("Between 0 and 100000", vm.poolInputsErrorProperty().get());

        vm.poolInputsProperty().set("12");
        vm.poolChunksizeProperty().set("-1");
        assertEquals("Between 0 and 100000", vm.poolChunksizeErrorProperty().get());
        vm.poolChunksizeProperty().set("3");
        vm.poolMaxTasksProperty().set("5");
        assertTrue(vm.isValid(), vm.getMessage());
        assertEquals(3, vm.poolRequest().processes());
        assertEquals(12, vm.poolRequest().inputs());
        assertEquals(3, vm.poolRequest().chunksize());
        assertEquals(5, vm.poolRequest().maxTasksPerChild());
    }

    @Test
    void aTaskProposesItsParameterAndChecksItsRange() {
        vm.kindProperty().set(LaunchRequest.Kind.POOL);
        vm.poolTaskProperty().set(PoolDemoTask.FAIL_EVERY);
        assertEquals("k", vm.parameterLabelProperty().get());
        assertEquals("5", vm.poolParameterProperty().get(), "the default delay became the default k");

        vm.poolParameterProperty().set("0");
        assertEquals("Between 1 and 1000000", vm.poolParameterErrorProperty().get());
        vm.poolParameterProperty().set("3");
        vm.poolMethodProperty().set(PoolRequest.Method.IMAP_UNORDERED);
        vm.nameProperty().set("flaky");
        assertTrue(vm.isValid());
        assertEquals(new PoolRequest("flaky", 4, 0, PoolDemoTask.FAIL_EVERY, 3, 40, 0,
                PoolRequest.Method.IMAP_UNORDERED), vm.poolRequest());

        vm.poolTaskProperty().set(PoolDemoTask.KILL_ON);
        assertEquals("3", vm.poolParameterProperty().get(), "a typed parameter is kept");
    }

    @Test
    void switchingBackToAProcessForgetsThePool() {
        vm.kindProperty().set(LaunchRequest.Kind.POOL);
        assertTrue(vm.isValid());
        vm.kindProperty().set(LaunchRequest.Kind.JAVA);
        assertNull(vm.poolRequest());
        assertFalse(vm.isValid());
    }

    @Test
    void theDemoTasksDoWhatTheySay() throws Exception {
        assertEquals(49, PoolDemoTask.SQUARE.function(0).apply(7));
        assertEquals(7, PoolDemoTask.CPU_BURN.function(5).apply(7));
        assertEquals(1, PoolDemoTask.FAIL_EVERY.function(3).apply(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PoolDemoTask.FAIL_EVERY.function(3).apply(2), "input 2 is the 3rd task");
        assertEquals("task failed on purpose: input=2 k=3", e.getMessage());
        assertEquals(16, PoolDemoTask.KILL_ON.function(7).apply(4), "only task 7 kills (see PoolsUiTest)");
    }
}
