package io.mpscope.app.services;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands the latest value published from any thread to a consumer on the FX thread, coalescing bursts: while one
 * hand-over is pending, newer values replace the waiting one, so N publishes between two pulses cost one
 * {@code runLater} and the consumer sees only the newest value.
 *
 * <p>Thread-safe; never blocks. {@link #runLater} is the only place that touches the toolkit, and tests override
 * it to run the hand-over themselves.
 *
 * @param <T> the published value
 */
public class FxPublisher<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<? super T> consumer;

    /** A publisher that hands values to {@code consumer} (called on the FX thread). */
    public FxPublisher(Consumer<? super T> consumer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Publishes {@code value}, replacing any value not yet handed over. Callable from any thread. */
    public void publish(T value) {
        Objects.requireNonNull(value, "value");
        // Only the publish that finds the slot empty schedules a hand-over; the hand-over empties the slot first,
        // so a value published after it schedules the next one.
        if (latest.getAndSet(value) == null) {
            try {
                runLater(this::handOver);
            } catch (RuntimeException e) {
                latest.set(null); // nothing is scheduled: let the next publish schedule, or updates stop for good
                throw e;
            }
        }
    }

    private void handOver() {
        T value = latest.getAndSet(null);
        if (value != null) {
            consumer.accept(value);
        }
    }

    /** Runs {@code task} on the FX thread ({@link Platform#runLater}); tests replace it. */
    protected void runLater(Runnable task) {
        Platform.runLater(task);
    }
}
