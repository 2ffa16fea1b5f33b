package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.demo.SleepersDemo;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.app.support.Children;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.app.viewmodels.SessionsViewModel;
import io.mpscope.app.viewmodels.SystemProcessRow;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
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

/**
 * The monitoring side of the real window, headless under Monocle, with the real sampler (OSHI and /proc) watching
 * child processes the test starts: the System filter, freeze-frame, and a child's CPU, RSS, threads and cores.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MonitorUiTest {
    private App app;
    private MainView view;
    private SessionsViewModel vm;
    private final List<Process> children = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        app = new App();
        app.init();
        app.start(stage);
        view = (MainView) stage.getScene().getRoot();
        vm = app.viewModel();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (Process p : children) {
                assertTrue(Children.stop(p, Duration.ofSeconds(2)), "child ended: " + p);
            }
        } finally {
            WaitForAsyncUtils.asyncFx(app::stop).get(5, TimeUnit.SECONDS);
        }
    }

    private Process startChild(String name, io.mpscope.multiprocessing.process.ProcessTarget target) {
        Process p = new Process(name, target);
        children.add(p);
        p.start();
        return p;
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, Callable<Boolean> onFx) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(onFx));
    }

    @Test
    void filterNarrowsTheSystemTable(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(view::showSystem).get(5, TimeUnit.SECONDS);
        TableView<SystemProcessRow> table = view.getSystemView().getTable();
        waitUntil(20, () -> table.getItems().size() > 3);
        int all = onFx(() -> table.getItems().size());
        String self = Long.toString(ProcessHandle.current().pid());

        robot.clickOn("#" + SystemTableView.FILTER_ID).write(self);
        WaitForAsyncUtils.waitForFxEvents();

        List<Long> shown = onFx(() -> table.getItems().stream().map(SystemProcessRow::getPid)
                .collect(java.util.stream.Collectors.toList()));
        assertTrue(shown.contains(ProcessHandle.current().pid()), "this JVM is listed: " + shown);
        assertTrue(shown.size() < all, "the filter narrowed " + all + " rows to " + shown.size());
        assertTrue(shown.stream().allMatch(p -> Long.toString(p).startsWith(self)), "only matching pids: " + shown);
        String summary = onFx(() -> vm.system().getSummary());
        assertTrue(summary.startsWith(shown.size() + " of "), summary);

        robot.clickOn("#" + SystemTableView.FILTER_ID).eraseText(self.length()).write("no-such-process-xyz");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, (int) onFx(() -> table.getItems().size()));
    }

    @Test
    void freezeKeepsTheRowsUnchangedWhileAChildStarts(FxRobot robot) throws Exception {
        Process first = startChild("first-child", () -> Thread.sleep(60_000));
        long firstPid = first.getPid().orElseThrow();
        TreeTableView<Row> tree = view.getTree();
        waitUntil(20, () -> find(tree.getRoot(), firstPid) != null
                && find(tree.getRoot(), firstPid).getValue().getRssBytes() != null);

        robot.clickOn("#" + MainView.FREEZE_ID);
        assertTrue(onFx(vm::isFrozen));
        assertTrue(robot.lookup("#" + MainView.FROZEN_BANNER_ID).query().isVisible(), "the frozen banner shows");
        List<String> before = onFx(() -> describe(tree.getRoot()));

        Process second = startChild("second-child", () -> Thread.sleep(60_000));
        long secondPid = second.getPid().orElseThrow();
        // the sampler sees the new child, and then ticks on (values such as uptime would change)
        waitUntil(20, () -> contains(vm.receivedProperty().get(), secondPid, "second-child"));
        SystemSnapshot seen = onFx(() -> vm.receivedProperty().get());
        waitUntil(10, () -> vm.receivedProperty().get() != seen);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(before, onFx(() -> describe(tree.getRoot())), "rows held still while frozen");
        // (a standby JVM may already be listed under the same pid: it is the name that tells the child)
        assertTrue(onFx(() -> find(tree.getRoot(), secondPid, "second-child") == null), "no row for the new child");

        robot.clickOn("Resume live");
        assertFalse(onFx(vm::isFrozen));
        waitUntil(10, () -> find(tree.getRoot(), secondPid, "second-child") != null);
        assertFalse(robot.lookup("#" + MainView.FROZEN_BANNER_ID).query().isVisible());
    }

    @Test
    void aStartedChildShowsCpuRssThreadsAndACoreStrip() throws Exception {
        Process busy = startChild("busy-child", () -> SleepersDemo.burn(60_000, 1, 1.0));
        long pid = busy.getPid().orElseThrow();
        TreeTableView<Row> tree = view.getTree();
        waitUntil(30, () -> {
            TreeItem<Row> item = find(tree.getRoot(), pid);
            Row r = item == null ? null : item.getValue();
            return r != null && r.getCpuPercent() != null && r.getCpuPercent() > 5 && r.getRssBytes() != null
                    && r.getThreads() != null && r.getCoreStrip().usedCount() > 0 && r.getCpuHistory().size() > 1;
        });
        Row row = onFx(() -> find(tree.getRoot(), pid).getValue());
        assertTrue(row.getRssBytes() > 1_000_000, "a JVM has more than a megabyte resident: " + row.getRssBytes());
        assertTrue(row.getThreads() > 1, "a JVM has several threads: " + row.getThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), row.getCoreStrip().size(), "a cell per core");

        // and the table draws them: the CPU cell's number, a sparkline, and a strip canvas
        waitUntil(10, () -> cellText(tree, "cpu-value").stream().anyMatch(t -> t.endsWith("%")));
        Node strip = onFx(() -> tree.lookup(".core-strip"));
        assertNotNull(strip, "a core strip is drawn");
        assertTrue(onFx(() -> strip.getBoundsInLocal().getWidth() > 0));
        assertNotNull(onFx(() -> tree.lookup(".sparkline")));
    }

    private static List<String> cellText(TreeTableView<Row> tree, String styleClass) {
        List<String> out = new ArrayList<>();
        for (Node n : tree.lookupAll("." + styleClass)) {
            if (n instanceof Labeled && n.isVisible()) {
                out.add(((Labeled) n).getText());
            }
        }
        return out;
    }

    private static boolean contains(SystemSnapshot s, long pid, String name) {
        if (s == null) {
            return false;
        }
        for (SessionSnapshot session : s.sessions()) {
            for (ProcessSnapshot p : session.processes()) {
                if (p.pid() == pid && p.alive() && p.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static TreeItem<Row> find(TreeItem<Row> root, long pid, String name) {
        TreeItem<Row> item = find(root, pid);
        return item != null && item.getValue().getName().equals(name) ? item : null;
    }

    private static TreeItem<Row> find(TreeItem<Row> root, long pid) {
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(root.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> item = todo.pop();
            if (item.getValue() instanceof io.mpscope.app.viewmodels.ProcessRow && item.getValue().getPid() == pid) {
                return item;
            }
            todo.addAll(item.getChildren());
        }
        return null;
    }

    /** Every row shown, with the values that change from tick to tick. */
    private static List<String> describe(TreeItem<Row> root) {
        List<String> out = new ArrayList<>();
        describe(root, out);
        return out;
    }

    private static void describe(TreeItem<Row> parent, List<String> out) {
        for (TreeItem<Row> item : parent.getChildren()) {
            Row r = item.getValue();
            out.add(r.getName() + " pid=" + r.getPid() + " status=" + r.getStatus().text() + " uptime="
                    + r.getUptime() + " cpu=" + r.getCpuPercent() + " rss=" + r.getRssBytes() + " threads="
                    + r.getThreads() + " spark=" + r.getCpuHistory() + " cores=" + r.getCoreStrip()
                    + " heartbeat=" + r.getHeartbeatAge());
            describe(item, out);
        }
    }
}
