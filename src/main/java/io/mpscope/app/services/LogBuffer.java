package io.mpscope.app.services;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest log records of the app and its children, at most {@link #capacity()}: the oldest are dropped (and
 * counted) when it is full. Appenders add from any thread; the sampler reads what is new since a sequence number.
 * Thread-safe; adding never blocks for longer than a copy.
 */
public final class LogBuffer {
    /** The default capacity. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<LogEvent> events;
    private long nextSeq = 1;
    private long dropped;

    /** A buffer of {@code capacity} records. */
    public LogBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("log buffer capacity must be positive: capacity=" + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** How many records it keeps. */
    public int capacity() {
        return capacity;
    }

    /** Adds {@code e} under the next sequence number (its own {@code seq} is ignored) and returns that number. */
    public synchronized long add(LogEvent e) {
        long seq = nextSeq++;
        if (events.size() == capacity) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(e.withSeq(seq));
        return seq;
    }

    /** The kept records numbered above {@code seq}, oldest first. */
    public synchronized List<LogEvent> since(long seq) {
        List<LogEvent> out = new ArrayList<>();
        if (events.isEmpty() || events.peekLast().seq() <= seq) {
            return out;
        }
        // the newest are at the end: walk back to the first one wanted
        var it = events.descendingIterator();
        while (it.hasNext()) {
            LogEvent e = it.next();
            if (e.seq() <= seq) {
                break;
            }
            out.add(e);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** How many records were dropped because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }
}
