package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.services.OsState;
import io.mpscope.app.viewmodels.ProcessRow;
import io.mpscope.app.viewmodels.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless under Monocle: a child launched from the launch dialog appears with its pid, and the
 * toolbar terminates (-SIGTERM), kills (-SIGKILL), freezes and resumes it (the OS state, shown above the output);
 * a process of another program asks for confirmation first. Every process is stopped after each test.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlUiTest {
    private static final long WAIT = 30;
    private static final String SLEEPY = "io.mpscope.app.demo.SleepyMain";

    private App app;
    private Stage stage;
    private java.lang.Process foreign;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        app = new App();
        app.init();
        app.start(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            assertTrue(app.supervisor().stopAllNow(Duration.ofSeconds(3)), "every launched child ended");
            if (foreign != null) {
                List<ProcessHandle> family = new ArrayList<>(foreign.toHandle().descendants().toList());
                family.forEach(ProcessHandle::destroyForcibly);
                foreign.destroyForcibly();
                assertTrue(foreign.waitFor(10, TimeUnit.SECONDS), "the foreign program ended");
                for (ProcessHandle h : family) {
                    h.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : List.copyOf(Window.getWindows())) {
                    if (w != stage) {
                        w.hide(); // a dialog a failed test left open
                    }
                }
                app.stop();
            }).get(10, TimeUnit.SECONDS);
        }
    }

    // ---- tests ----

    @Test
    void launchFromTheDialogThenTerminateShowsMinusSigterm(FxRobot robot) throws Exception {
        String name = unique("ui-term");
        ProcessRow row = launchFromDialog(robot, name, "120");
        assertTrue(row.getPid() > 0);
        assertTrue(ProcessHandle.of(row.getPid()).map(ProcessHandle::isAlive).orElse(false), "a real process");

        select(robot, row);
        clickWhenEnabled(robot, ControlToolBar.TERMINATE_ID);

        waitFor(() -> "-SIGTERM".equals(row.getExitCode()));
        waitFor(() -> rowShows(row, "-SIGTERM"));
        waitFor(() -> text(DetailsPane.STATE_ID).equals("exited -SIGTERM"));
        assertTrue(confirmDialog(robot) == null, "a launched process is signalled without asking");
    }

    @Test
    void killGivesMinusSigkill(FxRobot robot) throws Exception {
        ProcessRow row = launchFromDialog(robot, unique("ui-kill"), "120");
        select(robot, row);

        clickWhenEnabled(robot, ControlToolBar.KILL_ID);

        waitFor(() -> "-SIGKILL".equals(row.getExitCode()));
        waitFor(() -> rowShows(row, "-SIGKILL"));
    }

    @Test
    void freezeAndResumeChangeTheOsState(FxRobot robot) throws Exception {
        ProcessRow row = launchFromDialog(robot, unique("ui-freeze"), "120");
        select(robot, row);
        waitFor(() -> !text(DetailsPane.STATE_ID).isEmpty() && !text(DetailsPane.STATE_ID).startsWith("stopped"));

        clickWhenEnabled(robot, ControlToolBar.FREEZE_ID);
        waitFor(() -> text(DetailsPane.STATE_ID).equals("stopped (T)"));
        assertTrue(OsState.of(row.getPid()).stopped(), "the OS agrees");
        assertTrue(fx(() -> robot.lookup("#" + ControlToolBar.FREEZE_ID).queryButton().isDisabled()));

        clickWhenEnabled(robot, ControlToolBar.RESUME_ID);
        waitFor(() -> !text(DetailsPane.STATE_ID).startsWith("stopped") && !text(DetailsPane.STATE_ID).isEmpty());
        assertFalse(OsState.of(row.getPid()).stopped());
        // still alive and writing: its output keeps coming
        waitFor(() -> fx(() -> robot.lookup("#" + DetailsPane.STDOUT_ID).queryTextInputControl().getText())
                .contains("tick 1"));
    }

    @Test
    void aProcessTheAppDidNotLaunchNeedsConfirmation(FxRobot robot) throws Exception {
        String name = unique("ui-foreign");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        foreign = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.mpscope.app.demo.ForeignProgram", name, "120")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        ProcessRow row = waitForRow(name);
        long pid = row.getPid();
        select(robot, row);

        clickWhenEnabled(robot, ControlToolBar.TERMINATE_ID);
        DialogPane dialog = waitForConfirmDialog(robot);
        String content = fx(dialog::getContentText);
        assertTrue(content.contains(name + " (pid " + pid + "), session " + row.getSessionId()), content);
        assertTrue(fx(dialog::getHeaderText).equals("Terminate a process mpscope did not launch?"));
        robot.clickOn(fx(() -> dialog.lookupButton(ButtonType.CANCEL)));

        waitFor(() -> text(ControlToolBar.MESSAGE_ID).equals("Cancelled: nothing was terminated"));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "declined: left alone");
        assertEquals("", fx(row::getExitCode));

        clickWhenEnabled(robot, ControlToolBar.TERMINATE_ID);
        DialogPane again = waitForConfirmDialog(robot);
        robot.clickOn(fx(() -> again.lookup("#" + FxDialogService.CONFIRM_BUTTON_ID)));

        waitFor(() -> "-SIGTERM".equals(row.getExitCode()));
    }

    @Test
    void theDialogSaysWhenACommandCannotStart(FxRobot robot) throws Exception {
        robot.clickOn("#" + ControlToolBar.LAUNCH_ID);
        waitFor(() -> robot.lookup("#" + LaunchDialog.COMMAND_KIND_ID).tryQuery().isPresent());
        robot.clickOn("#" + LaunchDialog.COMMAND_KIND_ID);
        robot.clickOn("#" + LaunchDialog.COMMAND_ID).write("nosuchprog 3", 0);

        waitFor(() -> text(LaunchDialog.MESSAGE_ID).equals("Command not found on the PATH: nosuchprog"));
        assertTrue(fx(() -> robot.lookup("#" + LaunchDialog.LAUNCH_BUTTON_ID).queryButton().isDisabled()));

        robot.interact(() -> robot.lookup("#" + LaunchDialog.COMMAND_ID).queryTextInputControl().clear());
        robot.write("sh -c 'exit 3'", 0);
        waitFor(() -> text(LaunchDialog.MESSAGE_ID).startsWith("Runs /"));
        robot.clickOn("#" + LaunchDialog.LAUNCH_BUTTON_ID);

        // an OS command has no registry row: it is listed under Launched commands, with its exit code and output
        waitFor(() -> fx(() -> robot.lookup("#" + DetailsPane.COMMANDS_ID + " .table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof Labeled && "3".equals(((Labeled) n).getText()))));
    }

    // ---- helpers ----

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Opens the launch dialog, types a SleepyMain launch, waits for the check, clicks Launch, returns its row. */
    private ProcessRow launchFromDialog(FxRobot robot, String name, String args) throws Exception {
        robot.clickOn("#" + ControlToolBar.LAUNCH_ID);
        waitFor(() -> robot.lookup("#" + LaunchDialog.TARGET_ID).tryQuery().isPresent());
        // The class is typed as a user types it (every keystroke is validated, without TestFX's pause after each
        // character); the other fields are filled directly, which runs the same validation, only faster.
        robot.clickOn("#" + LaunchDialog.TARGET_ID).write(SLEEPY, 0);
        robot.interact(() -> {
            robot.lookup("#" + LaunchDialog.ARGS_ID).queryTextInputControl().setText(args);
            robot.lookup("#" + LaunchDialog.NAME_ID).queryTextInputControl().setText(name);
        });
        waitFor(() -> text(LaunchDialog.MESSAGE_ID).equals("Runs " + SLEEPY + ".main(String[])"));
        Button launch = robot.lookup("#" + LaunchDialog.LAUNCH_BUTTON_ID).queryButton();
        waitFor(() -> !launch.isDisabled());
        robot.clickOn(launch);
        waitFor(() -> robot.lookup("#" + LaunchDialog.TARGET_ID).tryQuery().isEmpty());
        return waitForRow(name);
    }

    private ProcessRow waitForRow(String name) throws Exception {
        ProcessRow[] found = new ProcessRow[1];
        waitFor(() -> {
            TreeItem<Row> item = fx(() -> findRow(tree().getRoot(), name));
            if (item != null && item.getValue() instanceof ProcessRow
                    && fx(() -> item.getValue().getPid() > 0 && item.getValue().getStatus().style().equals("running"))) {
                found[0] = (ProcessRow) item.getValue();
                return true;
            }
            return false;
        });
        return found[0];
    }

    /** Scrolls the row into view and clicks its name, as a user would. */
    private void select(FxRobot robot, ProcessRow row) throws Exception {
        TreeTableView<Row> tree = tree();
        WaitForAsyncUtils.asyncFx(() -> {
            TreeItem<Row> item = findRow(tree.getRoot(), row.getName());
            tree.scrollTo(Math.max(0, tree.getRow(item) - 2));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = null;
        for (int attempt = 0; attempt < 50 && cell == null; attempt++) {
            cell = fx(() -> nameCell(tree, row));
            if (cell == null) {
                WaitForAsyncUtils.waitForFxEvents();
            }
        }
        assertTrue(cell != null, "the row is on screen: " + row);
        robot.clickOn(cell);
        waitFor(() -> text(DetailsPane.TITLE_ID).equals(row.getName()));
    }

    private static Node nameCell(TreeTableView<Row> tree, Row row) {
        for (Node n : tree.lookupAll(".tree-table-cell")) {
            if (n instanceof TreeTableCell && n.isVisible()) {
                TreeTableCell<?, ?> c = (TreeTableCell<?, ?>) n;
                if (c.getTableRow() != null && c.getTableRow().getItem() == row && row.getName().equals(c.getText())) {
                    return n;
                }
            }
        }
        return null;
    }

    /** True if the table row showing {@code row} has a cell with {@code text}. */
    private boolean rowShows(Row row, String text) throws Exception {
        return fx(() -> tree().lookupAll(".tree-table-cell").stream().anyMatch(n -> n instanceof TreeTableCell
                && ((TreeTableCell<?, ?>) n).getTableRow() != null
                && ((TreeTableCell<?, ?>) n).getTableRow().getItem() == row
                && text.equals(((TreeTableCell<?, ?>) n).getText())));
    }

    private void clickWhenEnabled(FxRobot robot, String id) throws Exception {
        Button b = robot.lookup("#" + id).queryButton();
        waitFor(() -> fx(() -> !b.isDisabled()));
        robot.clickOn(b);
    }

    private DialogPane waitForConfirmDialog(FxRobot robot) throws Exception {
        waitFor(() -> confirmDialog(robot) != null);
        return confirmDialog(robot);
    }

    private static DialogPane confirmDialog(FxRobot robot) {
        return robot.lookup("#" + FxDialogService.CONFIRM_ID).tryQueryAs(DialogPane.class)
                .filter(p -> p.getScene() != null && p.getScene().getWindow() != null
                        && p.getScene().getWindow().isShowing()).orElse(null);
    }

    private TreeTableView<Row> tree() throws Exception {
        return fx(() -> ((MainView) stage.getScene().getRoot()).getTree());
    }

    private String text(String id) throws Exception {
        return fx(() -> {
            for (Window w : Window.getWindows()) {
                if (w.getScene() != null) {
                    Node n = w.getScene().lookup("#" + id);
                    if (n instanceof Label) {
                        String t = ((Label) n).getText();
                        return t == null ? "" : t;
                    }
                }
            }
            return "";
        });
    }

    private static TreeItem<Row> findRow(TreeItem<Row> root, String name) {
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(root.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> item = todo.pop();
            if (item.getValue().getName().equals(name)) {
                return item;
            }
            todo.addAll(item.getChildren());
        }
        return null;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
    }
}
