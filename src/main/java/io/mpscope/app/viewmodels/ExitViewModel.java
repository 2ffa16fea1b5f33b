package io.mpscope.app.viewmodels;

import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.DialogService;
import io.mpscope.app.services.ProcessControl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What closing the window does. With no non-daemon process of the app's still running it exits at once (daemon
 * children are terminated on the way out). Otherwise it asks: wait (the window stays open, showing that it waits,
 * and the app exits when they have ended), terminate them (SIGTERM, then SIGKILL after a grace period, then exit),
 * leave them running (the app exits without the library's exit function: see {@link Exiter}), or cancel.
 *
 * <p>Confined to the FX thread; no Node.
 */
public final class ExitViewModel {
    /** How long terminated children get before they are killed. */
    public static final Duration GRACE = Duration.ofSeconds(3);

    /** Ends the application. */
    @FunctionalInterface
    public interface Exiter {
        /**
         * Ends the app. With {@code leaveRunning}, non-daemon children must outlive it: the app then halts the JVM
         * after closing its services instead of exiting normally (a normal exit runs the library's exit function,
         * which joins them). Their lifeline (stdin) closes, so they finish {@code run()} and exit on their own;
         * daemon children are terminated.
         */
        void exit(boolean leaveRunning);
    }

    private final ProcessControl control;
    private final DialogService dialogs;
    private final Exiter exiter;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(this, "waiting");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private long attempt;
    private boolean exiting;

    /** Exits through {@code exiter}, asking through {@code dialogs}; answers are applied on {@code fx}. */
    public ExitViewModel(ProcessControl control, DialogService dialogs, Exiter exiter, Executor fx) {
        this.control = control;
        this.dialogs = dialogs;
        this.exiter = exiter;
        this.fx = fx;
    }

    /** The user asked to close the window. */
    public void requestExit() {
        if (exiting) {
            return;
        }
        List<ActionTarget> running = control.running(false);
        if (running.isEmpty()) {
            exit(false);
            return;
        }
        long a = ++attempt;
        List<String> names = running.stream().map(ActionTarget::label).collect(Collectors.toList());
        dialogs.chooseExit(names).thenAcceptAsync(choice -> {
            if (a != attempt || exiting) {
                return;
            }
            switch (choice) {
                case WAIT:
                    waiting.set(true);
                    message.set("Waiting for " + plural(running.size()) + " to end before exiting\u2026");
                    control.awaitNonDaemon().whenCompleteAsync((x, e) -> {
                        if (a == attempt && waiting.get()) {
                            exit(false);
                        }
                    }, fx);
                    break;
                case TERMINATE:
                    waiting.set(true);
                    message.set("Terminating " + plural(running.size()) + " before exiting\u2026");
                    control.stopAll(GRACE).whenCompleteAsync((x, e) -> {
                        if (a == attempt) {
                            exit(false);
                        }
                    }, fx);
                    break;
                case LEAVE_RUNNING:
                    exit(true);
                    break;
                default: // CANCEL: stay, and stop waiting if we were
                    waiting.set(false);
                    message.set("");
                    attempt++;
                    break;
            }
        }, fx);
    }

    private void exit(boolean leaveRunning) {
        exiting = true;
        waiting.set(false);
        exiter.exit(leaveRunning);
    }

    private static String plural(int n) {
        return n == 1 ? "1 process" : n + " processes";
    }

    /** True while the window stays open only to wait for children. */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** "Waiting for 2 processes to end before exiting…", or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean isWaiting() {
        return waiting.get();
    }
}
