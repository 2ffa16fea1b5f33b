package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** "Save snapshot": the JSON document of a SystemSnapshot with its metrics, written off the caller's thread. */
@Timeout(10)
class JsonSnapshotWriterTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.250Z");
    private final JsonSnapshotWriter writer = new JsonSnapshotWriter();

    @AfterEach
    void close() {
        writer.close();
    }

    private static SystemSnapshot snapshot() {
        ProcessSnapshot p = new ProcessSnapshot(1, 4712, "Process-1", "1", 0, false, false, ProcessStatus.RUNNING,
                OptionalInt.empty(), true, false, T0, Optional.of(T0), Optional.of(T0), Optional.empty());
        SessionSnapshot s = new SessionSnapshot("4711-9", 4711, "demo.Main", T0, true, List.of(p), T0);
        Metrics m = new Metrics(new HostMetrics(List.of(0.25, 1.0), 8L << 30, 6L << 30, Optional.empty()),
                Map.of(4712L, new ProcessMetrics(4712, OptionalDouble.of(42.5), 50_000_000, 17, List.of(1))),
                new SystemProcesses(List.of(new OsProcess(1, 0, "init", "root", OptionalDouble.empty(), 4096, 1)),
                        Optional.of(T0), Optional.empty()));
        return SystemSnapshot.of(List.of(s), T0, Duration.ofMillis(500), Duration.ofMillis(3), "/dev/shm/x")
                .withMetrics(m);
    }

    @Test
    void shouldWriteTheSnapshotWithItsMetricsAsJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("snap.json");
        assertEquals(file.toAbsolutePath(), writer.write(snapshot(), file).get(5, TimeUnit.SECONDS));

        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("2026-11-25T10:00:00.250Z", root.get("takenAt").asText());
        assertEquals("PT0.5S", root.get("samplingPeriod").asText());
        assertTrue(root.get("failure").isNull());
        assertEquals("demo.Main", root.get("sessions").get(0).get("command").asText());
        JsonNode process = root.get("sessions").get(0).get("processes").get(0);
        assertEquals("Process-1", process.get("name").asText());
        assertFalse(process.has("osStat"), "the raw stat line is not part of the document: the metrics say it");
        JsonNode metrics = root.get("metrics");
        assertEquals(1.0, metrics.get("host").get("coreLoads").get(1).asDouble());
        assertEquals(8L << 30, metrics.get("host").get("memoryTotal").asLong());
        JsonNode p = metrics.get("processes").get("4712");
        assertEquals(42.5, p.get("cpuPercent").asDouble());
        assertEquals(17, p.get("threads").asInt());
        assertEquals(1, p.get("recentCores").get(0).asInt());
        JsonNode init = metrics.get("system").get("processes").get(0);
        assertEquals("init", init.get("name").asText());
        assertTrue(init.get("cpuPercent").isNull(), "an unknown CPU is null");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void shouldFailWithTheReasonWhenTheFolderIsMissing(@TempDir Path dir) {
        Path file = dir.resolve("no-such-folder/snap.json");
        CompletionException e = assertThrows(CompletionException.class, () -> writer.write(snapshot(), file).join());
        assertTrue(e.getCause().getMessage().startsWith("cannot save snapshot: path=" + file.toAbsolutePath()),
                e.getCause().getMessage());
    }
}
