package io.mpscope.app.views;

import io.mpscope.app.services.DialogService;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@link DialogService}: modal-less JavaFX alerts (shown with {@code show()}, answered through a future, so
 * the FX thread never waits in a nested loop) and ControlsFX notifications. FX thread only.
 */
public final class FxDialogService implements DialogService {
    /** CSS id of the confirmation dialog's pane. */
    public static final String CONFIRM_ID = "confirm-dialog";
    /** CSS id of the confirmation dialog's go-ahead button. */
    public static final String CONFIRM_BUTTON_ID = "confirm-button";
    /** CSS id of the exit dialog's pane. */
    public static final String EXIT_ID = "exit-dialog";
    /** CSS id of error dialogs' panes. */
    public static final String ERROR_ID = "error-dialog";

    private static final Logger log = LoggerFactory.getLogger(FxDialogService.class);

    private final Supplier<Window> owner;

    /** Dialogs owned by the window {@code owner} returns (null: none). */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public CompletableFuture<Boolean> confirm(String title, String message, String confirm) {
        ButtonType go = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.WARNING, CONFIRM_ID, title, message);
        alert.getButtonTypes().setAll(go, ButtonType.CANCEL);
        Button goButton = (Button) alert.getDialogPane().lookupButton(go);
        goButton.setId(CONFIRM_BUTTON_ID);
        goButton.getStyleClass().add("danger-button");
        // Touching a process someone else started: Enter must not do it by accident.
        goButton.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        alert.setOnHidden(e -> answer.complete(alert.getResult() == go));
        alert.show();
        return answer;
    }

    @Override
    public CompletableFuture<ExitChoice> chooseExit(List<String> running) {
        ButtonType wait = new ButtonType("Wait for them", ButtonBar.ButtonData.OK_DONE);
        ButtonType terminate = new ButtonType("Terminate them", ButtonBar.ButtonData.OTHER);
        ButtonType leave = new ButtonType("Leave them running", ButtonBar.ButtonData.OTHER);
        String header = running.size() == 1 ? "A process launched from mpscope is still running"
                : running.size() + " processes launched from mpscope are still running";
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(running.size(), 8);
        for (int i = 0; i < shown; i++) {
            sb.append("\u2022 ").append(running.get(i)).append('\n');
        }
        if (running.size() > shown) {
            sb.append("\u2026 and ").append(running.size() - shown).append(" more\n");
        }
        sb.append("\nWait keeps this window open until they have ended. Terminate sends SIGTERM (SIGKILL after "
                + "3 seconds). Leave running lets them finish on their own after mpscope has closed.\n"
                + "Daemon processes are terminated in any case.");
        Alert alert = alert(Alert.AlertType.CONFIRMATION, EXIT_ID, header, sb.toString());
        alert.getButtonTypes().setAll(wait, terminate, leave, ButtonType.CANCEL);
        CompletableFuture<ExitChoice> answer = new CompletableFuture<>();
        alert.setOnHidden(e -> {
            ButtonType r = alert.getResult();
            answer.complete(r == wait ? ExitChoice.WAIT : r == terminate ? ExitChoice.TERMINATE
                    : r == leave ? ExitChoice.LEAVE_RUNNING : ExitChoice.CANCEL);
        });
        alert.show();
        return answer;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, ERROR_ID, title, message);
        alert.getButtonTypes().setAll(ButtonType.OK);
        alert.show();
    }

    @Override
    public void notify(String title, String message) {
        try {
            Notifications.create().title(title).text(message).owner(owner.get()).position(Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(6)).showInformation();
        } catch (RuntimeException e) {
            // a notification is a courtesy: the toolbar's message line says the same
            log.warn("notification not shown: title={}", title, e);
        }
    }

    @Override
    public void warn(String title, String message) {
        try {
            Notifications.create().title(title).text(message).owner(owner.get()).position(Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(12)).showWarning();
        } catch (RuntimeException e) {
            // a notification is a courtesy: the view that raised it says the same
            log.warn("notification not shown: title={}", title, e);
        }
    }

    private Alert alert(Alert.AlertType type, String id, String header, String content) {
        Alert alert = new Alert(type);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.setTitle("mpscope");
        alert.setHeaderText(header);
        alert.setContentText(content);
        DialogPane pane = alert.getDialogPane();
        pane.setId(id);
        pane.setMinWidth(520);
        pane.getStylesheets().add(ControlToolBar.stylesheet());
        return alert;
    }
}
