package io.mpscope.app.services;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;

/**
 * The app's JSON setup, shared by {@code mpscope --snapshot} and "Save snapshot": records as objects, Java 8
 * optionals as value-or-null, instants as ISO-8601 text, durations as ISO-8601 ({@code PT0.5S}), indented. A
 * process's raw stat line ({@link ProcessSnapshot#osStat()}) is left out: the metrics carry what it says.
 */
public final class Json {
    private Json() {
    }

    /** A new mapper with that setup. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .addMixIn(ProcessSnapshot.class, WithoutOsStat.class);
    }

    /** Jackson mix-in: the document keeps the shape it had before snapshots carried the stat line. */
    @JsonIgnoreProperties("osStat")
    private interface WithoutOsStat {
    }
}
