package io.mpscope.app.services;

import java.util.Locale;
import java.util.Objects;

/**
 * A lock (or semaphore permits) a process holds, as read just before it is terminated or killed: what the warning
 * in the confirmation names.
 *
 * @param holder   the process (as the action sees it)
 * @param kind     {@code Lock}, {@code RLock}, {@code Semaphore}, {@code BoundedSemaphore}
 * @param name     the primitive's name ({@code printer}, or a default such as {@code Lock-3})
 * @param permits  semaphores: how many permits it holds; locks: 1
 * @param waiting  how many other processes wait to acquire it
 * @param deadlock whether the holder and the lock are in a deadlock cycle (ending the holder breaks it)
 */
public record HeldLock(ActionTarget holder, String kind, String name, int permits, int waiting,
                       boolean deadlock) {
    /** Rejects nulls. */
    public HeldLock {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** True for a semaphore's permits, false for a Lock or RLock. */
    public boolean isSemaphore() {
        return kind.toLowerCase(Locale.ROOT).contains("semaphore");
    }

    /**
     * One line for the confirmation: {@code pid 4711 holds Lock 'printer'; 3 processes wait on it}, or
     * {@code pid 4711 holds 2 permits of Semaphore 'slots'}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("pid ").append(holder.pid()).append(" holds ");
        if (isSemaphore()) {
            sb.append(permits == 1 ? "1 permit of " : permits + " permits of ");
        }
        sb.append(kind).append(" '").append(name).append('\'');
        if (waiting > 0) {
            sb.append("; ").append(waiting == 1 ? "1 process waits" : waiting + " processes wait").append(" on it");
        }
        if (deadlock) {
            sb.append(" (in a deadlock)");
        }
        return sb.toString();
    }
}
