package io.mpscope.app;

import java.io.PrintStream;

/**
 * The command-line entry point: {@code --snapshot} prints the live sessions as JSON and exits; no argument opens
 * the window. A plain class, not a JavaFX {@code Application}, so it runs from a plain class path, and so the
 * snapshot path never loads a JavaFX class and needs no display.
 *
 * <pre>
 * java -cp ... io.mpscope.app.Main              open the mpscope window
 * java -cp ... io.mpscope.app.Main --snapshot   print every live session as one JSON document on stdout, exit 0
 * java -cp ... io.mpscope.app.Main --help       print this usage
 * </pre>
 *
 * <p>Exit codes: 0 on success, 1 when the snapshot cannot be written, 2 for an unknown argument.
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: mpscope [--snapshot | --help]",
            "  (no option)  open the mpscope window (needs a display)",
            "  --snapshot   print every live mpscope session of this user as one JSON document and exit",
            "  --help       print this help");

    private Main() {
    }

    /** The app's Logback configuration; a resource of its own, so the library jar imposes none on its users. */
    static final String LOGBACK_CONFIG = "io/mpscope/app/logback-app.xml";

    /** Runs the command named by {@code args} and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG); // before anything logs
        }
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command-line command; opening the window returns once it has closed.
     *
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            // App is referenced only here, so the snapshot path never loads it, nor with it any JavaFX class.
            App.launchApp(args);
            return 0;
        }
        if (args.length == 1) {
            switch (args[0]) {
                case "--snapshot":
                    return SnapshotCommand.run(out, err);
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    break;
            }
        }
        err.println("mpscope: unknown arguments: args=" + String.join(" ", args));
        err.println(USAGE);
        return 2;
    }
}
