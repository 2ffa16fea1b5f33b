package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.app.support.Children;
import io.mpscope.app.viewmodels.SessionsViewModel;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
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

/** The real window, headless under Monocle, watching a real child process started by the test. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainViewUiTest {
    private App app;
    private Stage stage;
    private Process child;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        app = new App();
        app.init(); // Application.launch would call it on the launcher thread; here the FX thread reads the icons
        app.start(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            assertTrue(Children.stop(child, Duration.ofSeconds(2)), "child ended: " + child);
        } finally {
            WaitForAsyncUtils.asyncFx(app::stop).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void windowIsTitledMpscopeWithIconsAndEmptyStateOrRows(FxRobot robot) {
        assertEquals("mpscope", stage.getTitle());
        assertEquals(4, stage.getIcons().size());
        assertTrue(stage.isShowing());
        assertTrue(robot.lookup("#" + MainView.TREE_ID).tryQuery().isPresent());
        assertTrue(robot.lookup("#" + MainView.STATUS_BAR_ID).tryQuery().isPresent());
        TreeTableView<?> tree = robot.lookup("#" + MainView.TREE_ID).queryAs(TreeTableView.class);
        assertTrue(tree.getSkin() instanceof ProcessTreeSkin, "the table's skin spares unchanged rows the CSS pass: "
                + tree.getSkin());
    }

    @Test
    void showsTheEmptyStateWhenNoSessionRuns(FxRobot robot) throws Exception {
        SessionsViewModel empty = new SessionsViewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            empty.apply(SystemSnapshot.of(List.of(), Instant.now(), Duration.ofMillis(500), Duration.ZERO, "/x"));
            stage.getScene().setRoot(new MainView(empty));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        Labeled title = robot.lookup(".placeholder-title").queryAs(Labeled.class);
        assertEquals("No mpscope sessions running", title.getText());
        assertTrue(title.isVisible() && title.getScene() != null);
        assertTrue(robot.lookup(".placeholder-hint").queryAs(Labeled.class).getText()
                .contains("io.mpscope.multiprocessing"));
        Labeled status = robot.lookup("#" + MainView.STATUS_BAR_ID + " .status-label").queryAs(Labeled.class);
        assertEquals("0 sessions \u00b7 0 processes", status.getText());
    }

    @Test
    void showsARowForAChildProcessStartedByTheTest(FxRobot robot) throws Exception {
        child = new Process(() -> Thread.sleep(30_000));
        child.start();
        String name = child.getName();
        long pid = child.getPid().orElseThrow();
        TreeTableView<Row> tree = ((MainView) stage.getScene().getRoot()).getTree();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> findRow(tree.getRoot(), name, pid) != null)
                        .get(5, TimeUnit.SECONDS));
        // The model has the row; the table must also draw a cell with the name, under its session's row. Other
        // sessions (and ended rows of earlier tests) can push it below the fold, and rows of other tests' sessions
        // come and go while it waits (in the full suite the row moved after a single scroll): scroll it into view
        // at each look.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            tree.scrollTo(tree.getRow(findRow(tree.getRoot(), name, pid)));
            tree.layout();
            return cellShowing(tree, name);
        }).get(5, TimeUnit.SECONDS));

        TreeItem<Row> item = WaitForAsyncUtils.asyncFx(() -> findRow(tree.getRoot(), name, pid))
                .get(5, TimeUnit.SECONDS);
        assertFalse(item.getParent() == tree.getRoot(), "a child process is nested under its session");
        assertEquals(ProcessHandle.current().pid(), topLevel(item).getValue().getPid(),
                "its session is this test JVM's");
    }

    private static TreeItem<Row> findRow(TreeItem<Row> root, String name, long pid) {
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(root.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> item = todo.pop();
            Row row = item.getValue();
            if (row.getName().equals(name) && row.getPid() == pid) {
                return item;
            }
            todo.addAll(item.getChildren());
        }
        return null;
    }

    private static TreeItem<Row> topLevel(TreeItem<Row> item) {
        TreeItem<Row> at = item;
        while (at.getParent() != null && at.getParent().getParent() != null) {
            at = at.getParent();
        }
        return at;
    }

    private static boolean cellShowing(TreeTableView<Row> tree, String text) {
        for (Node n : tree.lookupAll(".tree-table-cell")) {
            if (n instanceof TreeTableCell && n.isVisible() && text.equals(((Labeled) n).getText())) {
                return true;
            }
        }
        return false;
    }
}
