package io.mpscope.app.demo;

import io.mpscope.multiprocessing.process.Process;

/**
 * A root program the app did not launch (tests start it with ProcessBuilder): it starts one child Process named by
 * its first argument, which sleeps for the given seconds (default 120), prints {@code ready <pid>} and joins it,
 * then stays as long again, so that its session (and the child's exit code) remains visible.
 */
public final class ForeignProgram {
    private ForeignProgram() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "foreign-child";
        long millis = (args.length > 1 ? Long.parseLong(args[1]) : 120) * 1000;
        Process child = new Process(name, () -> Thread.sleep(millis));
        child.start();
        System.out.println("ready " + child.getPid().orElseThrow());
        System.out.flush();
        child.join();
        System.out.println("child ended " + child.getExitCode());
        Thread.sleep(millis);
    }
}
