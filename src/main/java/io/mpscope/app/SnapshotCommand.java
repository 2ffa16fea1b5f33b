package io.mpscope.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mpscope.app.services.Json;
import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * {@code mpscope --snapshot}: prints every live session once, as one pretty-printed JSON document, for scripts and
 * bug reports. Touches no JavaFX class, so it runs without a display.
 *
 * <p>The document is {@code {"takenAt": ..., "runtimeDirectory": ..., "sessions": [...]}}; each session and process
 * has the fields of {@link SessionSnapshot} and {@code ProcessSnapshot}, in their order. Instants are ISO-8601
 * strings ({@code "2026-11-25T10:15:30.123Z"}), an absent {@code Optional}/{@code OptionalInt} is {@code null},
 * a present one its value, and {@code status} is the enum's name ({@code "RUNNING"}).
 */
public final class SnapshotCommand {
    /** The printed document. */
    record Document(Instant takenAt, String runtimeDirectory, List<SessionSnapshot> sessions) {
    }

    private SnapshotCommand() {
    }

    /** The mapper for the document: Java 8 types and java.time, dates as ISO-8601 text, indented. */
    static ObjectMapper mapper() {
        return Json.mapper();
    }

    /** Reads the live sessions and renders the document. */
    static String render(Observer observer) throws JsonProcessingException {
        Document doc = new Document(Instant.now(), observer.directory().toString(), observer.sessions());
        return mapper().writeValueAsString(doc);
    }

    /**
     * Prints the document on {@code out}.
     *
     * @return 0, or 1 (with a message on {@code err}) if the sessions could not be read or written
     */
    static int run(PrintStream out, PrintStream err) {
        try (Observer observer = new Observer()) {
            out.println(render(observer));
            out.flush();
            return out.checkError() ? 1 : 0;
        } catch (JsonProcessingException | RuntimeException e) {
            err.println("mpscope: snapshot failed: reason=" + e);
            return 1;
        }
    }
}
