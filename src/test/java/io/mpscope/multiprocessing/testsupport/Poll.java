package io.mpscope.multiprocessing.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling against a deadline: the only kind of waiting the tests do besides joins and latches. */
public final class Poll {
    private Poll() {
    }

    /** Polls {@code condition} every 10 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("not true after " + timeout.toMillis() + " ms: " + what.get());
            }
            sleepBriefly();
        }
    }

    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        until(timeout, condition, () -> what);
    }

    /** Polls until {@code value} returns non-null, and returns it. */
    public static <T> T value(Duration timeout, Supplier<T> value, String what) {
        Object[] box = new Object[1];
        until(timeout, () -> (box[0] = value.get()) != null, what);
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }

    static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
