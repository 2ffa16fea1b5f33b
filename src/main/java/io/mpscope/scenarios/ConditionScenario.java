package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.synchronize.Condition;
import io.mpscope.multiprocessing.synchronize.Held;
import java.util.List;

/**
 * PyMOTW {@code multiprocessing_condition}: two stage-2 processes wait on a Condition; stage 1 signals them all.
 */
public final class ConditionScenario {
    private ConditionScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        // The program relies on timing (1 s for each stage-2 process to begin waiting, as the original does): start
        // from warm standby JVMs, as fork would, so a loaded machine's JVM start-up cannot make a waiter miss the
        // signal (seen once: a cold JVM under load took over a second to reach await()).
        ctx.prestart(java.time.Duration.ofSeconds(30));
        Condition cond = ctx.condition("stages", null);
        Process s1 = ctx.process("s1", () -> {
            String me = Multiprocessing.currentProcess().getName();
            System.out.println("Starting " + me);
            try (Held h = cond.hold()) {
                System.out.println(me + " done and ready for stage 2");
                cond.signalAll();
            }
        });
        List<Process> waiters = List.of(stage2(ctx, cond, 1), stage2(ctx, cond, 2));
        for (Process w : waiters) {
            w.start();
            Thread.sleep(1000); // make sure both are waiting before stage 1 runs
        }
        s1.start();
        s1.join();
        for (Process w : waiters) {
            w.join();
        }
    }

    private static Process stage2(Context ctx, Condition cond, int i) {
        return ctx.process("stage_2[" + i + "]", () -> {
            String me = Multiprocessing.currentProcess().getName();
            System.out.println("Starting " + me);
            try (Held h = cond.hold()) {
                cond.await();
                System.out.println(me + " running");
            }
        });
    }
}
