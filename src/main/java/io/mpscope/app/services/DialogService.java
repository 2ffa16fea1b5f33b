package io.mpscope.app.services;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the user and tells the user, without blocking: the view models call it on the FX thread, and the futures
 * complete on the FX thread when the user has answered. The app's implementation shows JavaFX dialogs and ControlsFX
 * notifications; tests answer at once. No JavaFX types here, so view models stay testable without a toolkit.
 */
public interface DialogService {
    /**
     * Asks whether to act on processes the app did not launch.
     *
     * @param title    "Terminate a process mpscope did not launch?"
     * @param message  what will happen, naming each process, its pid and session
     * @param confirm  the text of the button that goes ahead ("Terminate")
     * @return true if the user confirmed
     */
    CompletableFuture<Boolean> confirm(String title, String message, String confirm);

    /** What to do with running children when the window closes. */
    enum ExitChoice {
        /** Keep the window open until they have ended, then exit. */
        WAIT,
        /** Terminate them (then kill what does not end), then exit. */
        TERMINATE,
        /** Exit now and let them finish on their own. */
        LEAVE_RUNNING,
        /** Do not exit. */
        CANCEL
    }

    /**
     * Asks what to do with the non-daemon processes still running when the window closes.
     *
     * @param running "Worker-1 (pid 4711)", ...
     */
    CompletableFuture<ExitChoice> chooseExit(List<String> running);

    /** Shows a problem the user must read (an error dialog). */
    void showError(String title, String message);

    /** Shows a passing note (a notification that hides itself). */
    void notify(String title, String message);

    /**
     * Shows something that went wrong without the user's doing, such as a deadlock: a notification that stays longer
     * than a note. By default the same as {@link #notify}.
     */
    default void warn(String title, String message) {
        notify(title, message);
    }
}
