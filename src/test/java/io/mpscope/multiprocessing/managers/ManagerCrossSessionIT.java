package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mpscope.multiprocessing.programs.ManagerClientProgram;
import io.mpscope.multiprocessing.programs.ManagerServerProgram;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Program;
import io.mpscope.multiprocessing.testsupport.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manager reached from another program (#6: "other programs, on this machine or another"): one root program
 * starts a manager with an address and an authkey and shares a dict; other root programs, each its own session
 * with its own runtime folder, connect to it. With the right key one reads the first program's entry and writes
 * one the first program then sees; with a wrong key the connection is refused with CPython's
 * {@code AuthenticationError} and nothing else. Over TCP, and over a Unix socket (where a client of another session
 * must stay on the socket: a shared-memory channel of the server's session would be of no use to it).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ManagerCrossSessionIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();
    private static final Duration REPORT = Duration.ofSeconds(60);
    private static final String KEY = "open sesame";

    @TempDir
    Path tmp;

    @Test
    void anotherProgramConnectsOverTcpWithTheKeyAndIsRefusedWithoutIt() throws Exception {
        shareADictWithOtherPrograms("tcp");
    }

    @Test
    void anotherProgramConnectsOverAUnixSocketWithTheKeyAndIsRefusedWithoutIt() throws Exception {
        shareADictWithOtherPrograms("unix:" + tmp.resolve("manager.sock"));
    }

    private void shareADictWithOtherPrograms(String where) throws Exception {
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        String dir = reports.toString();
        Path serverRuntime = tmp.resolve("runtime-server");
        Program server = Program.start(children, tmp, serverRuntime, ManagerServerProgram.class, dir, where, KEY);
        String address = Results.await(reports, "address", REPORT);
        if (!where.equals("tcp")) {
            address = "unix:" + address;
        }

        Path wrongRuntime = tmp.resolve("runtime-wrong");
        Program wrong = Program.start(children, Files.createDirectories(tmp.resolve("w")), wrongRuntime,
                ManagerClientProgram.class, dir, "wrong", address, "not the key");
        assertEquals(0, wrong.waitFor(REPORT), wrong.err());
        assertEquals("io.mpscope.multiprocessing.AuthenticationException: digest sent was rejected",
                Results.await(reports, "wrong.connect", REPORT));
        assertNull(Results.peek(reports, "wrong.read"), "a refused client read something");

        Path rightRuntime = tmp.resolve("runtime-right");
        Program right = Program.start(children, Files.createDirectories(tmp.resolve("r")), rightRuntime,
                ManagerClientProgram.class, dir, "right", address, KEY);
        assertEquals(0, right.waitFor(REPORT), right.err());
        assertEquals("OK", Results.await(reports, "right.connect", REPORT));
        assertEquals("written by pid " + server.process().pid(), Results.await(reports, "right.read", REPORT));
        assertEquals("OK", Results.await(reports, "right.write", REPORT));

        Results.signal(reports, "client-done");
        assertEquals("written by right", Results.await(reports, "seen", REPORT));
        assertEquals(0, server.waitFor(REPORT), server.err());
        for (Path runtime : List.of(serverRuntime, wrongRuntime, rightRuntime)) {
            try (Stream<Path> left = Files.exists(runtime) ? Files.list(runtime) : Stream.empty()) {
                assertEquals(List.of(), left.toList(), "shared memory left behind in " + runtime);
            }
        }
        if (!where.equals("tcp")) {
            assertFalse(Files.exists(Path.of(where.substring(5))), "socket file left behind");
        }
    }
}
