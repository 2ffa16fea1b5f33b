package io.mpscope.app.demo;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.synchronize.Barrier;
import io.mpscope.multiprocessing.synchronize.BoundedSemaphore;
import io.mpscope.multiprocessing.synchronize.Condition;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Lock;
import io.mpscope.multiprocessing.synchronize.RLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo session for the Primitives view: named primitives in several processes, each kind in a telling state.
 * <ul>
 *   <li>dining philosophers ({@code philosopher-1..N}, forks {@code fork-1..N}) who all take their left fork, meet at
 *       the barrier {@code seated}, then reach for the right one: a deadlock cycle through every philosopher;</li>
 *   <li>the Lock {@code printer}, held by the process {@code printer} while {@code clerk-1} and {@code clerk-2} wait
 *       for it (the terminate warning's example); {@code printer} also holds the RLock {@code journal} twice;</li>
 *   <li>the BoundedSemaphore {@code slots} (2 permits) that three {@code worker}s take and give back in turns;</li>
 *   <li>the Event {@code go}, which {@code printer} sets and clears every 3 s while a thread of the main process
 *       waits for it;</li>
 *   <li>the Barrier {@code start-line} for 3 parties, filled by {@code runner-1} and {@code runner-2} (2 of 3);</li>
 *   <li>the Condition {@code data-ready}, awaited by two threads of the main process;</li>
 *   <li>the Value {@code progress} and Array {@code histogram}, which {@code printer} changes five times a
 *       second.</li>
 * </ul>
 * It ends after the given number of seconds (default 120), terminating what still runs. Not shipped: it lives with
 * the tests.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.demo.PrimitivesDemo 120 [philosophers]</pre>
 */
public final class PrimitivesDemo {
    private PrimitivesDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
        int philosophers = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long millis = seconds * 1000;
        Context ctx = Multiprocessing.getContext();
        List<Process> started = new ArrayList<>();

        // Made in this order so the first cards show one of each kind: printer, slots, go, start-line, then the rest.
        Lock printer = ctx.lock("printer");
        BoundedSemaphore slots = ctx.boundedSemaphore("slots", 2);
        Event go = ctx.event("go");
        Barrier startLine = ctx.barrier("start-line", 3, null, null);
        RLock journal = ctx.rLock("journal");
        List<Lock> forks = new ArrayList<>();
        for (int i = 1; i <= philosophers; i++) {
            forks.add(ctx.lock("fork-" + i));
        }
        Barrier seated = ctx.barrier("seated", philosophers, null, null);
        Event printerHeld = ctx.event("printer-held");
        Value progress = ctx.value("progress", TypeCode.DOUBLE, 0.0, null);
        Array histogram = Array.create("histogram", TypeCode.INT, 8, null, false);
        Condition dataReady = ctx.condition("data-ready", null);

        // a printer held for good, two clerks waiting for it; the printer also drives the event, value and array
        started.add(ctx.process("printer", () -> {
            printer.acquire();
            journal.acquire();
            journal.acquire();
            printerHeld.set();
            long end = System.currentTimeMillis() + millis;
            for (int tick = 0; System.currentTimeMillis() < end; tick++) {
                progress.set(Math.round(tick * 0.4 * 10) / 10.0);
                histogram.set(tick % 8, histogram.get(tick % 8).intValue() + 1 + tick % 3);
                if (tick % 15 == 0) {
                    if (go.isSet()) {
                        go.clear();
                    } else {
                        go.set();
                    }
                }
                Thread.sleep(200);
            }
        }));
        for (int i = 1; i <= 2; i++) {
            started.add(ctx.process("clerk-" + i, () -> {
                printerHeld.await();
                printer.acquire();
            }));
        }

        // a bounded semaphore three workers share in turns
        for (int i = 1; i <= 3; i++) {
            long hold = 1200L + 500L * i;
            started.add(ctx.process("worker-" + i, () -> {
                while (true) {
                    slots.acquire();
                    try {
                        Thread.sleep(hold);
                    } finally {
                        slots.release();
                    }
                    Thread.sleep(300);
                }
            }));
        }

        // a barrier two of its three parties have reached
        for (int i = 1; i <= 2; i++) {
            started.add(ctx.process("runner-" + i, () -> {
                startLine.await();
            }));
        }

        // dining philosophers: every one holds the left fork when all sit, then reaches for the right one
        for (int i = 0; i < philosophers; i++) {
            Lock left = forks.get(i);
            Lock right = forks.get((i + 1) % philosophers);
            started.add(ctx.process("philosopher-" + (i + 1), () -> {
                left.acquire();
                seated.await();
                right.acquire(); // never returns: the right fork is the next philosopher's left one
            }));
        }

        for (Process p : started) {
            p.start();
        }

        // threads of the main process wait on the event and the condition
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                while (true) {
                    go.await();
                    Thread.sleep(100);
                    while (go.isSet()) {
                        Thread.sleep(100);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "starter"));
        for (int i = 1; i <= 2; i++) {
            threads.add(new Thread(() -> {
                try (var held = dataReady.hold()) {
                    dataReady.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "reader-" + i));
        }
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        printerHeld.await(Duration.ofSeconds(60));
        System.out.println("demo running: pid=" + ProcessHandle.current().pid() + " seconds=" + seconds);

        Thread.sleep(millis);
        for (Process p : started) {
            Children.stop(p, Duration.ofSeconds(2));
        }
        System.exit(0);
    }
}
