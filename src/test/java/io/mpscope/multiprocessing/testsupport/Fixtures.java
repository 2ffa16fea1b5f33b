package io.mpscope.multiprocessing.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Recorded CPython outputs of the PyMOTW scenarios, under {@code src/test/resources/fixtures/pymotw/}. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The lines of {@code fixtures/pymotw/multiprocessing_<name>.out}. */
    public static List<String> pymotw(String name) {
        String path = "/fixtures/pymotw/multiprocessing_" + name + ".out";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
