package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel's wait policy: spin while spins pay, sleep at once for a while after one that ran out. */
class ChannelSpinTest {
    private final List<Long> set = new ArrayList<>();
    private final ChannelSpin spin = new ChannelSpin(set::add);

    /** One wait that lasted {@code nanos}; returns the spin it was given. */
    private long waitFor(long nanos) {
        long start = spin.beforeWait();
        spin.afterWait(start - nanos);
        return set.get(set.size() - 1); // the spin set last is the one this wait had
    }

    @Test
    void spinsWhileRepliesComeWithinTheSpin() {
        for (int i = 0; i < 100; i++) {
            assertEquals(ChannelSpin.SPIN_NANOS, waitFor(0));
        }
        assertEquals(List.of(ChannelSpin.SPIN_NANOS), set, "the spin is set once, not on every wait");
    }

    @Test
    void aSpinThatRunsOutMakesTheNextWaitsSleepAtOnceThenItTriesAgain() {
        assertEquals(ChannelSpin.SPIN_NANOS, waitFor(10 * ChannelSpin.SPIN_NANOS)); // ran out
        for (int i = 0; i < ChannelSpin.SLEEP_AT_ONCE; i++) {
            assertEquals(0, waitFor(0), "wait " + i + " after the spin ran out");
        }
        assertEquals(ChannelSpin.SPIN_NANOS, waitFor(0), "tries spinning again");
        assertEquals(ChannelSpin.SPIN_NANOS, waitFor(0), "and keeps spinning while it pays");
        assertEquals(List.of(ChannelSpin.SPIN_NANOS, 0L, ChannelSpin.SPIN_NANOS), set);
    }

    @Test
    void underLoadOnlyOneWaitInManySpins() {
        int spun = 0;
        for (int i = 0; i < 33 * 10; i++) {
            if (waitFor(10 * ChannelSpin.SPIN_NANOS) > 0) {
                spun++;
            }
        }
        assertEquals(10, spun);
    }
}
