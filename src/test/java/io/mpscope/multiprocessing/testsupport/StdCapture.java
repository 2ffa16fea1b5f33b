package io.mpscope.multiprocessing.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what reaches {@code System.out} or {@code System.err} (child output is pumped there at write time)
 * while still passing it through to the original stream. {@link #close()} restores the original.
 */
public final class StdCapture implements AutoCloseable {
    private final boolean err;
    private final PrintStream original;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private StdCapture(boolean err) {
        this.err = err;
        this.original = err ? System.err : System.out;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (buffer) {
                    buffer.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (buffer) {
                    buffer.write(b, off, len);
                }
                original.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8);
        if (err) {
            System.setErr(tee);
        } else {
            System.setOut(tee);
        }
    }

    public static StdCapture err() {
        return new StdCapture(true);
    }

    public static StdCapture out() {
        return new StdCapture(false);
    }

    /** Everything captured so far. */
    public String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** The captured lines ("\n"-separated, without the trailing empty one). */
    public java.util.List<String> lines() {
        return text().lines().toList();
    }

    @Override
    public void close() {
        if (err) {
            System.setErr(original);
        } else {
            System.setOut(original);
        }
    }
}
