package io.mpscope.multiprocessing.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what reaches {@code System.out} or {@code System.err} (child output is pumped there at write time)
 * and (unless quiet) passes it through to the original stream. {@link #close()} restores the original.
 */
public final class StdCapture implements AutoCloseable {
    private final boolean err;
    private final boolean passThrough;
    private final PrintStream original;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private StdCapture(boolean err, boolean passThrough) {
        this.err = err;
        this.passThrough = passThrough;
        this.original = err ? System.err : System.out;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (buffer) {
                    buffer.write(b);
                }
                if (passThrough) {
                    original.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (buffer) {
                    buffer.write(b, off, len);
                }
                if (passThrough) {
                    original.write(b, off, len);
                }
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
        return new StdCapture(true, true);
    }

    public static StdCapture out() {
        return new StdCapture(false, true);
    }

    /** Captures stdout without passing it on (for bulk output that would flood the test report). */
    public static StdCapture quietOut() {
        return new StdCapture(false, false);
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
