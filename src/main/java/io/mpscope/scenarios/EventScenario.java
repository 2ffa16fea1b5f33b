package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.synchronize.Event;
import java.time.Duration;

/**
 * PyMOTW {@code multiprocessing_event}: one child blocks in {@code await()}, another waits 2 s and sees the flag
 * still clear; main sets the event after 3 s and the blocked child wakes.
 */
public final class EventScenario {
    private EventScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        // The timing matters here (a 2 s wait against a set at 3 s): start from warm standby JVMs, as fork would,
        // so a loaded machine's JVM start-up cannot push the timed waiter past the set.
        ctx.prestart(Duration.ofSeconds(30));
        Event e = ctx.event("e");
        ctx.process("block", () -> {
            System.out.println("wait_for_event: starting");
            e.await();
            System.out.println("wait_for_event: e.is_set()-> " + pythonBool(e.isSet()));
        }).start();
        ctx.process("nonblock", () -> {
            System.out.println("wait_for_event_timeout: starting");
            e.await(Duration.ofSeconds(2));
            System.out.println("wait_for_event_timeout: e.is_set()-> " + pythonBool(e.isSet()));
        }).start();
        System.out.println("main: waiting before calling Event.set()");
        Thread.sleep(3000);
        e.set();
        System.out.println("main: event is set");
    }

    static String pythonBool(boolean b) {
        return b ? "True" : "False";
    }
}
