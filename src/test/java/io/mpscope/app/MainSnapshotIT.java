package io.mpscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.process.Process;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Main --snapshot} as a separate OS process without a display: it must list this JVM's session and the
 * child it started, as JSON, and load no JavaFX class.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MainSnapshotIT {
    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        assertTrue(Children.stop(child, Duration.ofSeconds(2)), "child ended: " + child);
    }

    @Test
    void snapshotListsThisSessionAndItsChildWithoutDisplayOrJavaFx(@TempDir Path tmp) throws Exception {
        child = new Process(() -> Thread.sleep(30_000));
        child.start();
        long childPid = child.getPid().orElseThrow();

        Path out = tmp.resolve("snapshot.json");
        Path err = tmp.resolve("stderr.txt");
        Path classes = tmp.resolve("classes.txt");
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + classes,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--snapshot")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        java.lang.Process snapshot = pb.start();
        if (!snapshot.waitFor(60, TimeUnit.SECONDS)) {
            snapshot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("mpscope --snapshot did not exit within 60 s; stderr=" + Files.readString(err));
        }
        assertEquals(0, snapshot.exitValue(), () -> "exit code; stderr=" + read(err));

        JsonNode root = new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
        Instant.parse(root.get("takenAt").asText()); // ISO-8601, or this throws
        JsonNode mine = null;
        for (JsonNode s : root.get("sessions")) {
            if (s.get("rootPid").asLong() == ProcessHandle.current().pid()) {
                mine = s;
            }
        }
        assertNotNull(mine, "this JVM's session is listed: " + root);
        Instant.parse(mine.get("created").asText());
        JsonNode listed = null;
        for (JsonNode p : mine.get("processes")) {
            if (p.get("pid").asLong() == childPid) {
                listed = p;
            }
        }
        assertNotNull(listed, "the child is listed: pid=" + childPid + " session=" + mine);
        assertEquals(child.getName(), listed.get("name").asText());
        assertTrue(listed.get("exitCode").isNull(), "a running child has no exit code yet");

        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" io.mpscope.app.SnapshotCommand ")),
                "the class-load log is read (sanity)");
        List<String> fx = loaded.stream().filter(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx."))
                .collect(Collectors.toList());
        assertEquals(List.of(), fx.subList(0, Math.min(3, fx.size())), "the snapshot path loads no JavaFX class");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
