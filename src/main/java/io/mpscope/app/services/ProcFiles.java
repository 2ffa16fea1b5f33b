package io.mpscope.app.services;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * Reads small {@code /proc} files into one reused buffer and lends them out as ASCII text, so a tick that reads a
 * few thousand stat files allocates no byte arrays or Strings for them. Not thread-safe: one per sampler thread.
 */
final class ProcFiles {
    private final byte[] buffer;
    private final Ascii view = new Ascii();

    ProcFiles(int capacity) {
        buffer = new byte[capacity];
    }

    /**
     * The file's text (at most the buffer's capacity), valid until the next read; null if it cannot be read (the
     * process ended, or no permission).
     */
    CharSequence read(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            int n = 0;
            while (n < buffer.length) {
                int r = in.read(buffer, n, buffer.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
            view.length = n;
            return view;
        } catch (IOException e) {
            return null;
        }
    }

    /** The buffer's first bytes as characters (ISO-8859-1, which is ASCII for proc's numbers and states). */
    private final class Ascii implements CharSequence {
        int length;

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException("index out of range: index=" + index + " length=" + length);
            }
            return (char) (buffer[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(buffer, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(buffer, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
