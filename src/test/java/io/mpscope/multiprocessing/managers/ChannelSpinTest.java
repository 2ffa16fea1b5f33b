package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The channel's wait policy: look and yield while that pays, sleep at once for a while after a wait that did not.
 * On a fake clock: only what the policy does with time is tested, not how long anything takes.
 */
class ChannelSpinTest {
    private long now = 1_000_000;
    private final ChannelSpin spin = new ChannelSpin(() -> now);
    private int looks;

    /** One wait whose message is there at once, and which lasted {@code nanos} in all; true if it looked and yielded. */
    private boolean waitFor(long nanos) {
        int before = looks;
        long start = spin.beforeWait(() -> {
            looks++;
            return true;
        });
        now += nanos;
        spin.afterWait(start);
        return looks > before;
    }

    @Test
    void yieldsWhileMessagesComeWithinTheBudget() {
        for (int i = 0; i < 100; i++) {
            assertTrue(waitFor(ChannelSpin.SPIN_NANOS / 2), "wait " + i);
        }
    }

    @Test
    void aWaitThatOutlastsTheBudgetMakesTheNextWaitsSleepAtOnceThenItTriesAgain() {
        assertTrue(waitFor(10 * ChannelSpin.SPIN_NANOS));
        for (int i = 0; i < ChannelSpin.SLEEP_AT_ONCE; i++) {
            assertFalse(waitFor(0), "wait " + i + " after the one that outlasted the budget");
        }
        assertTrue(waitFor(0), "tries again");
        assertTrue(waitFor(0), "and keeps yielding while it pays");
    }

    @Test
    void underLoadOnlyOneWaitInManyYields() {
        int yielded = 0;
        for (int i = 0; i < 33 * 10; i++) {
            if (waitFor(10 * ChannelSpin.SPIN_NANOS)) {
                yielded++;
            }
        }
        assertEquals(10, yielded);
    }

    @Test
    void looksUntilTheBudgetIsSpent() {
        long step = ChannelSpin.SPIN_NANOS / 5;
        spin.beforeWait(() -> {
            looks++;
            now += step; // nothing comes; time passes between looks
            return false;
        });
        assertEquals(5, looks);
    }
}
