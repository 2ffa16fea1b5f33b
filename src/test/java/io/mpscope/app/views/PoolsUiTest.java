package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.viewmodels.CallRow;
import io.mpscope.app.viewmodels.PoolCard;
import io.mpscope.app.viewmodels.WorkerTile;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
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
 * The real window, headless under Monocle, with real pools: one launched from the launch dialog (its worker JVMs
 * shown with their pids, its map's progress bar filling up, a worker killed on purpose shown LOST in red, the call
 * marked failed, then grown by a click), and one made by "another program" (this JVM, which the window does not
 * hold) whose buttons are disabled with a tooltip saying why.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PoolsUiTest {
    private static final long WAIT = 60;

    private App app;
    private Stage stage;
    private Pool theirs;
    private final Set<Long> workerPids = new HashSet<>();

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
            if (theirs != null) {
                workerPids.addAll(theirs.workerPids());
                theirs.terminate();
                theirs.join();
            }
            app.poolLauncher().pools().values().forEach(p -> workerPids.addAll(p.workerPids()));
            app.poolLauncher().close();
            assertTrue(app.poolLauncher().awaitTermination(Duration.ofSeconds(30)), "the window's pools ended");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        }
        for (long pid : workerPids) {
            waitFor(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }

    @Test
    void aPoolLaunchedFromTheDialogShowsItsWorkersProgressAndALostWorker(FxRobot robot) throws Exception {
        String name = "squares-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        robot.clickOn("#" + ControlToolBar.LAUNCH_ID);
        robot.clickOn("#" + LaunchDialog.POOL_KIND_ID);
        set(robot, LaunchDialog.POOL_PROCESSES_ID, "2");
        fx(() -> {
            ComboBox<?> task = robot.lookup("#" + LaunchDialog.POOL_TASK_ID).queryAs(ComboBox.class);
            select(task, PoolDemoTask.KILL_ON);
            return null;
        });
        set(robot, LaunchDialog.POOL_PARAMETER_ID, "9");
        set(robot, LaunchDialog.POOL_INPUTS_ID, "24");
        set(robot, LaunchDialog.POOL_CHUNKSIZE_ID, "1");
        robot.clickOn("#" + LaunchDialog.NAME_ID).write(name, 0);
        Button launch = robot.lookup("#" + LaunchDialog.LAUNCH_BUTTON_ID).queryButton();
        waitFor(() -> fx(() -> !launch.isDisabled()));
        robot.clickOn(launch);

        // the Pools tab opens on the new pool: two workers with real pids, children of this process
        Node card = waitForCard(robot, name);
        PoolCard model = (PoolCard) card.getUserData();
        waitFor(() -> fx(() -> model.getWorkers().stream().filter(w -> w.getPid() > 0).count() >= 2));
        List<String> pids = fx(() -> texts(card, ".worker-pid"));
        for (WorkerTile w : fx(() -> List.copyOf(model.getWorkers()))) {
            workerPids.add(w.getPid());
            assertTrue(pids.contains("pid " + w.getPid()), pids.toString());
            assertEquals(ProcessHandle.current().pid(), ProcessHandle.of(w.getPid()).orElseThrow().parent()
                    .orElseThrow().pid(), "a worker JVM of the app");
        }
        assertTrue(fx(() -> robot.lookup(".pool-grow").queryAll().stream().anyMatch(n -> n.isDisabled()
                == false)), "the window's own pool can be grown");

        // the map ends: its bar is full, the call failed (task 9 killed its worker), the worker is LOST and red
        waitFor(() -> fx(() -> !model.getCalls().isEmpty() && model.getCalls().get(0).finishedProperty().get()));
        CallRow call = fx(() -> model.getCalls().get(0));
        Node row = fx(() -> card.lookupAll(".call-row").stream().filter(n -> n.getUserData() == call).findFirst()
                .orElseThrow());
        assertTrue(fx(() -> call.isFailed()), fx(call::toString));
        assertTrue(fx(() -> has(row, "failed")), "the failed call is marked");
        assertTrue(fx(() -> text(row, ".call-state")).startsWith("FAILED"), fx(() -> text(row, ".call-state")));
        waitFor(() -> fx(() -> model.getWorkers().stream().anyMatch(w -> w.getState().equals("LOST"))));
        Node lost = fx(() -> card.lookupAll(".worker-tile").stream()
                .filter(n -> ((WorkerTile) n.getUserData()).getState().equals("LOST")).findFirst().orElseThrow());
        assertTrue(fx(() -> has(lost, "lost")), "the lost worker's tile is red");
        assertEquals("exit code " + PoolDemoTask.KILLED_EXIT_CODE, fx(() -> text(lost, ".worker-since")));
        assertTrue(fx(() -> model.getFailures()).contains("1 worker lost"), fx(model::getFailures));

        // a map that succeeds: the bar reaches done
        app.poolLauncher().pools().get(name).map(PoolDemoTask.SQUARE.function(20), List.of(1, 2, 3, 4, 5, 6), 1);
        waitFor(() -> fx(() -> model.getCalls().size() >= 2 && model.getCalls().get(0).getProgress() == 1.0
                && !model.getCalls().get(0).isFailed()));
        Node done = fx(() -> card.lookupAll(".call-row").stream()
                .filter(n -> n.getUserData() == model.getCalls().get(0)).findFirst().orElseThrow());
        assertEquals(1.0, fx(() -> ((ProgressBar) done.lookup(".call-progress")).getProgress()), 0.0);
        assertEquals("6 / 6", fx(() -> text(done, ".call-count")));

        // Grow: a third worker starts
        robot.clickOn(fx(() -> card.lookup(".pool-grow")));
        waitFor(() -> fx(() -> model.processesProperty().get() == 3 && model.getWorkers().stream()
                .filter(w -> w.getPid() > 0 && !w.getState().equals("LOST") && !w.getState().equals("EXITED"))
                .count() == 3));
        fx(() -> model.getWorkers().stream().map(WorkerTile::getPid).toList()).forEach(workerPids::add);
    }

    @Test
    void aPoolTheWindowDoesNotHoldCannotBeResized(FxRobot robot) throws Exception {
        String name = "theirs-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        theirs = Multiprocessing.getContext().pool(PoolOptions.defaults().withProcesses(1).withName(name));
        fx(() -> {
            ((MainView) stage.getScene().getRoot()).showTab("pools-tab");
            return null;
        });
        selectOwnSession(robot);
        Node card = waitForCard(robot, name);
        List<Node> buttons = fx(() -> new ArrayList<>(card.lookupAll(".pool-button")));
        assertEquals(4, buttons.size());
        for (Node b : buttons) {
            assertTrue(fx(b::isDisabled), "disabled: " + ((Labeled) b).getText());
        }
        Tooltip why = fx(() -> (Tooltip) card.lookup(".pool-buttons").getUserData());
        assertEquals(PoolCard.NOT_OURS, fx(why::getText));
        assertTrue(fx(() -> why.getText().contains("belongs to another program")));
        assertFalse(fx(() -> ((PoolCard) card.getUserData()).isControllable()));
    }

    // ---- helpers ----

    /** Chooses this JVM's session on the left if several sessions run (other programs may run on this machine). */
    private void selectOwnSession(FxRobot robot) throws Exception {
        String own = ProcessHandle.current().pid() + "-";
        MainView main = fx(() -> (MainView) stage.getScene().getRoot());
        waitFor(() -> fx(() -> app.viewModel().getSessions().stream().anyMatch(s -> s.getId().startsWith(own))));
        fx(() -> main.showSession(app.viewModel().getSessions().stream().filter(s -> s.getId().startsWith(own))
                .findFirst().orElseThrow().getId()));
    }

    @SuppressWarnings("unchecked")
    private static <T> void select(ComboBox<T> box, Object value) {
        box.getSelectionModel().select((T) value);
    }

    private static void set(FxRobot robot, String id, String text) throws Exception {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        robot.clickOn(f);
        robot.eraseText(fx(() -> f.getText().length()));
        robot.write(text, 0);
        assertEquals(text, fx(f::getText));
    }

    private Node waitForCard(FxRobot robot, String name) throws Exception {
        Node[] found = new Node[1];
        waitFor(() -> fx(() -> {
            for (Node n : robot.lookup(".pool-card").queryAll()) {
                if (n.getUserData() instanceof PoolCard && ((PoolCard) n.getUserData()).getName().equals(name)
                        && n.getScene() != null) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        }));
        return found[0];
    }

    private static boolean has(Node n, String pseudoClass) {
        return n.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals(pseudoClass));
    }

    private static String text(Node parent, String selector) {
        return ((Labeled) parent.lookup(selector)).getText();
    }

    private static List<String> texts(Node parent, String selector) {
        return parent.lookupAll(selector).stream().map(n -> ((Labeled) n).getText()).toList();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
    }
}
