package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coalescing hand-over, with the FX thread replaced by a queue the test drains. */
class FxPublisherTest {
    private final Deque<Runnable> scheduled = new ArrayDeque<>();
    private final List<String> received = new ArrayList<>();
    private final FxPublisher<String> publisher = new FxPublisher<>(received::add) {
        @Override
        protected void runLater(Runnable task) {
            scheduled.add(task);
        }
    };

    @Test
    void shouldCoalesceBurstIntoOneHandOverOfTheLatestValue() {
        publisher.publish("a");
        publisher.publish("b");
        publisher.publish("c");

        assertEquals(1, scheduled.size());
        scheduled.poll().run();
        assertEquals(List.of("c"), received);
    }

    @Test
    void shouldScheduleAgainAfterAHandOver() {
        publisher.publish("a");
        scheduled.poll().run();
        publisher.publish("b");

        assertEquals(1, scheduled.size());
        scheduled.poll().run();
        assertEquals(List.of("a", "b"), received);
    }

    @Test
    void shouldScheduleAgainAfterRunLaterFailed() {
        List<Runnable> tasks = new ArrayList<>();
        FxPublisher<String> flaky = new FxPublisher<>(received::add) {
            private boolean failed;

            @Override
            protected void runLater(Runnable task) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("toolkit not initialized");
                }
                tasks.add(task);
            }
        };
        assertThrows(IllegalStateException.class, () -> flaky.publish("a"));

        flaky.publish("b");
        assertEquals(1, tasks.size());
        tasks.get(0).run();
        assertEquals(List.of("b"), received);
    }

    @Test
    void shouldRejectNull() {
        assertThrows(NullPointerException.class, () -> publisher.publish(null));
    }
}
