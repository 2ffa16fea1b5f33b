package io.mpscope.app.views;

import io.mpscope.app.viewmodels.ControlViewModel;
import io.mpscope.app.viewmodels.ExitViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The action bar above the process table: Launch, then Terminate, Kill, Freeze, Resume and Join for the selected
 * process (with "Include descendants" for its subtree), and a line saying what happened last. Buttons are enabled
 * by the {@link ControlViewModel}; clicks call it.
 */
public final class ControlToolBar extends ToolBar {
    /** CSS ids, for tests and the stylesheet. */
    public static final String LAUNCH_ID = "launch-button";
    public static final String TERMINATE_ID = "terminate-button";
    public static final String KILL_ID = "kill-button";
    public static final String FREEZE_ID = "freeze-button";
    public static final String RESUME_ID = "resume-button";
    public static final String JOIN_ID = "join-button";
    public static final String SUBTREE_ID = "subtree-toggle";
    public static final String MESSAGE_ID = "control-message";

    /**
     * @param vm       the actions
     * @param exit     the exit state (its waiting message is shown here)
     * @param onLaunch opens the launch dialog
     */
    public ControlToolBar(ControlViewModel vm, ExitViewModel exit, Runnable onLaunch) {
        getStyleClass().add("control-toolbar");
        getStylesheets().add(stylesheet());

        Button launch = button(LAUNCH_ID, "Launch\u2026", "icon-launch",
                "Start a Java main class or jar as library processes, or any OS command", null);
        launch.getStyleClass().add("accent-button");
        launch.setOnAction(e -> onLaunch.run());

        Button terminate = button(TERMINATE_ID, "Terminate", "icon-terminate",
                "Send SIGTERM: a library process ends at once with exit code -15", vm.canTerminateProperty());
        terminate.setOnAction(e -> vm.terminate());
        Button kill = button(KILL_ID, "Kill", "icon-kill", "Send SIGKILL: cannot be caught; exit code -9",
                vm.canKillProperty());
        kill.setOnAction(e -> vm.kill());
        Button freeze = button(FREEZE_ID, "Freeze", "icon-freeze",
                "Send SIGSTOP: the process stops running (state T) until resumed", vm.canFreezeProperty());
        freeze.setOnAction(e -> vm.freeze());
        Button resume = button(RESUME_ID, "Resume", "icon-resume", "Send SIGCONT: a frozen process runs again",
                vm.canResumeProperty());
        resume.setOnAction(e -> vm.resume());
        Button join = button(JOIN_ID, "Join", "icon-join",
                "Wait in the background until it ends, then report its exit code", vm.canJoinProperty());
        join.setOnAction(e -> vm.join());

        CheckBox subtree = new CheckBox("Include descendants");
        subtree.setId(SUBTREE_ID);
        subtree.selectedProperty().bindBidirectional(vm.subtreeProperty());
        subtree.setTooltip(new Tooltip("Act on the selected process and every process under it: parents first "
                + "(resume: children first)"));

        Label message = new Label();
        message.setId(MESSAGE_ID);
        message.getStyleClass().add("control-message");
        message.textProperty().bind(Bindings.when(exit.waitingProperty()).then(exit.messageProperty())
                .otherwise(vm.messageProperty()));
        message.setMinWidth(0);
        HBox right = new HBox(message);
        right.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(right, Priority.ALWAYS);
        right.setMinWidth(0);

        getItems().addAll(launch, new Separator(), terminate, kill, freeze, resume, join, new Separator(), subtree,
                right);
    }

    private static Button button(String id, String text, String icon, String tip, ObservableBooleanValue enabled) {
        Region glyph = new Region();
        glyph.getStyleClass().addAll("icon", icon);
        Button b = new Button(text, glyph);
        b.setId(id);
        b.getStyleClass().add("control-button");
        b.setTooltip(new Tooltip(tip));
        if (enabled != null) {
            b.disableProperty().bind(Bindings.not(enabled));
        }
        return b;
    }

    /** The stylesheet of the control views (toolbar, details, dialogs). */
    static String stylesheet() {
        return ControlToolBar.class.getResource("control.css").toExternalForm();
    }
}
