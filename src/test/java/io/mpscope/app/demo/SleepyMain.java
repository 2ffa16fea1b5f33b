package io.mpscope.app.demo;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A main class to launch from the app (tests and screenshots): prints a line every second for the given number of
 * seconds (default 60) and logs through SLF4J now and then. With a second argument {@code fail} it throws after
 * the first second instead (exit code 1, stack trace on stderr). Not shipped: it lives with the tests.
 *
 * <pre>SleepyMain [seconds] [fail]</pre>
 */
public final class SleepyMain {
    private SleepyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        boolean fail = args.length > 1 && args[1].equals("fail");
        Logger log = LoggerFactory.getLogger(SleepyMain.class);
        log.info("starting: seconds={} args={}", seconds, Arrays.toString(args));
        System.out.println("SleepyMain: pid=" + ProcessHandle.current().pid() + " sleeping " + seconds + " s");
        for (int i = 1; i <= seconds; i++) {
            Thread.sleep(1000);
            System.out.println("tick " + i);
            if (fail) {
                log.warn("about to fail on purpose: tick={}", i);
                throw new IllegalStateException("failing on purpose after tick " + i);
            }
            if (i % 5 == 0) {
                log.info("still sleeping: tick={} of={}", i, seconds);
            }
        }
        System.err.println("SleepyMain: done after " + seconds + " s");
    }
}
