package io.mpscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON shape of the snapshot command, and the command line. */
class SnapshotCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.250Z");

    @Test
    void shouldWriteInstantsAsIsoAndOptionalsAsValueOrNull() throws Exception {
        ProcessSnapshot ended = new ProcessSnapshot(1, 4712, "Process-1", "1", 0, true, false,
                ProcessStatus.EXITED, OptionalInt.of(-15), false, false, T0, Optional.of(T0),
                Optional.empty(), Optional.of(T0.plusSeconds(3)));
        ProcessSnapshot running = new ProcessSnapshot(2, 4713, "Process-2", "2", 0, false, false,
                ProcessStatus.RUNNING, OptionalInt.empty(), true, false, T0, Optional.of(T0),
                Optional.of(T0.plusSeconds(1)), Optional.empty());
        SessionSnapshot s = new SessionSnapshot("4711-99", 4711, "demo.Main", T0, true, List.of(ended, running), T0);
        SnapshotCommand.Document doc = new SnapshotCommand.Document(T0, "/dev/shm/mpscope-x", List.of(s));

        JsonNode root = new ObjectMapper().readTree(SnapshotCommand.mapper().writeValueAsString(doc));

        assertEquals("2026-11-25T10:00:00.250Z", root.get("takenAt").asText());
        JsonNode session = root.get("sessions").get(0);
        assertEquals(4711, session.get("rootPid").asLong());
        assertEquals("demo.Main", session.get("command").asText());
        assertEquals("2026-11-25T10:00:00.250Z", session.get("created").asText());
        JsonNode p1 = session.get("processes").get(0);
        assertEquals(-15, p1.get("exitCode").asInt());
        assertTrue(p1.get("exitCode").isInt());
        assertTrue(p1.get("heartbeat").isNull());
        assertEquals("2026-11-25T10:00:03.250Z", p1.get("exited").asText());
        assertEquals("EXITED", p1.get("status").asText());
        assertTrue(p1.get("daemon").asBoolean());
        JsonNode p2 = session.get("processes").get(1);
        assertTrue(p2.get("exitCode").isNull());
        assertEquals("2026-11-25T10:00:01.250Z", p2.get("heartbeat").asText());
    }

    @Test
    void shouldRenderNoSessionsForAnEmptyFolder(@TempDir Path dir) throws Exception {
        JsonNode root = new ObjectMapper().readTree(SnapshotCommand.render(new Observer(dir)));
        assertEquals(0, root.get("sessions").size());
        assertEquals(dir.toString(), root.get("runtimeDirectory").asText());
    }

    @Test
    void shouldRejectUnknownArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--bogus"}, new PrintStream(out), new PrintStream(err));
        assertEquals(2, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("mpscope: unknown arguments: args=--bogus"));
    }

    @Test
    void shouldPrintHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintStream(out), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--snapshot"));
    }
}
