package io.mpscope.multiprocessing.programs;

import static io.mpscope.multiprocessing.Multiprocessing.currentProcess;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.Results;
import java.time.Duration;

/**
 * PyMOTW multiprocessing_daemon: main starts a daemon that sleeps 10 s and a non-daemon that sleeps 0.5 s, then
 * returns without joining. The daemon must be terminated (its finally never prints "Exiting"), the non-daemon
 * joined. Instead of PyMOTW's sleep(1) between the starts, main waits until the daemon reported it started.
 *
 * <p>Args: a folder for reports.
 */
public final class DaemonProgram {
    private DaemonProgram() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Process d = new Process("daemon", () -> background(dir));
        d.setDaemon(true);
        Process n = new Process("non-daemon", DaemonProgram::foreground);
        n.setDaemon(false);
        d.start();
        Results.awaitSignal(dir, "daemon-started", Duration.ofSeconds(30));
        n.start();
    }

    static void background(String dir) throws InterruptedException {
        Process me = currentProcess();
        long pid = me.getPid().getAsLong();
        try {
            System.out.println("Starting: " + me.getName() + " " + pid);
            System.out.flush();
            Results.put(dir, "daemon-started", pid);
            Thread.sleep(10_000);
        } finally {
            System.out.println("Exiting : " + me.getName() + " " + pid);
            System.out.flush();
        }
    }

    static void foreground() throws InterruptedException {
        Process me = currentProcess();
        System.out.println("Starting: " + me.getName() + " " + me.getPid().getAsLong());
        System.out.flush();
        Thread.sleep(500);
        System.out.println("Exiting : " + me.getName() + " " + me.getPid().getAsLong());
        System.out.flush();
    }
}
