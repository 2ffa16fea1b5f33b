package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping from what Java reports about a child's end to CPython's exit codes, and their repr. */
class ExitCodesTest {

    @ParameterizedTest(name = "raw={0} normalExit={1} signal={2} -> {3}")
    @CsvSource({
            "0,   true,  0,  0",     // run() returned
            "1,   true,  0,  1",     // uncaught exception
            "3,   true,  0,  3",     // System.exit(3)
            "143, true,  0,  143",   // System.exit(143): the child said it exits normally
            "137, true,  0,  137",
            "143, false, 0,  -15",   // died by SIGTERM before its handler could record it (128+15)
            "137, false, 0,  -9",    // SIGKILL
            "130, false, 0,  -2",
            "143, false, 15, -15",   // the child's handler recorded SIGTERM
            "0,   true,  15, -15",   // a recorded signal wins over anything else
            "7,   false, 0,  7",     // halt(7): no record, not a signal status
            "128, false, 0,  128",   // 128+0 is no signal
            "192, false, 0,  -64",   // the highest signal number
            "193, false, 0,  193"})
    void fromJavaMapsToCpythonCodes(int raw, boolean normalExit, int signal, int expected) {
        assertEquals(expected, ExitCodes.fromJava(raw, normalExit, signal));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "143, 143", "-15, -SIGTERM", "-9, -SIGKILL", "-2, -SIGINT", "-1, -SIGHUP",
            "-11, -SIGSEGV", "-99, -99"})
    void describeGivesCpythonsReprOfAnExitCode(int code, String expected) {
        assertEquals(expected, ExitCodes.describe(code));
    }

    @Test
    void signalNamesFollowLinux() {
        assertEquals("SIGTERM", ExitCodes.signalName(15));
        assertEquals("SIGKILL", ExitCodes.signalName(9));
        assertEquals("SIGCHLD", ExitCodes.signalName(17));
        assertEquals("signal 99", ExitCodes.signalName(99));
    }
}
