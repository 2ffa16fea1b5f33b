package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.support.Children;
import io.mpscope.app.viewmodels.PrimitiveCard;
import io.mpscope.app.viewmodels.PrimitivesViewModel;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Lock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
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
 * The real window, headless under Monocle, watching a real deadlock: two child JVMs each take one lock and wait for
 * the other's. The Primitives tab shows the owner and waiter on each lock's card, the wait-for graph turns the cycle
 * red (the shapes' colours, as drawn), a notice names it; Terminate on one of the two asks first, naming the lock it
 * holds, and once it is gone the other takes the lock over ("recovered from dead owner").
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrimitivesUiTest {
    private static final long WAIT = 40;
    private static final Color RED = Color.web("#c23b3b");

    private App app;
    private Stage stage;
    private Process first;
    private Process second;

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
            assertTrue(Children.stop(first, Duration.ofSeconds(2)), "first child ended: " + first);
            assertTrue(Children.stop(second, Duration.ofSeconds(2)), "second child ended: " + second);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                for (Window w : List.copyOf(Window.getWindows())) {
                    if (w != stage && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane) {
                        w.hide(); // a confirmation a failed test left open
                    }
                }
                app.stop();
            }).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRealDeadlockTurnsRedShowsOwnersAndWaitersAndTerminateNamesTheHeldLock(FxRobot robot) throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        String lockA = "fork-a-" + tag;
        String lockB = "fork-b-" + tag;
        Context ctx = Multiprocessing.getContext();
        Lock a = ctx.lock(lockA);
        Lock b = ctx.lock(lockB);
        Event aHeld = ctx.event();
        Event bHeld = ctx.event();
        first = ctx.process("philosopher-1-" + tag, () -> {
            a.acquire();
            aHeld.set();
            bHeld.await();
            b.acquire();
            Thread.sleep(120_000);
        });
        second = ctx.process("philosopher-2-" + tag, () -> {
            b.acquire();
            bHeld.set();
            aHeld.await();
            a.acquire(); // returns once the first has died: the lock is taken over from it
            Thread.sleep(120_000);
        });
        first.start();
        second.start();
        long pid1 = first.getPid().orElseThrow();
        long pid2 = second.getPid().orElseThrow();

        // selecting a process of the session makes it the Primitives tab's session
        select(robot, first.getName(), pid1);
        robot.clickOn("#primitives-tab");
        PrimitivesViewModel vm = app.primitivesViewModel();
        waitFor(() -> fx(vm::isDeadlock));

        // the lock cards: owner and waiter, as drawn
        Node cardA = waitForCard(robot, lockA);
        assertEquals("held by " + first.getName(), fx(() -> text(cardA, ".card-headline")));
        assertTrue(fx(() -> text(cardA, ".card-detail")).startsWith("pid " + pid1), fx(() -> text(cardA, ".card-detail")));
        assertEquals(second.getName() + " (pid " + pid2 + ")", fx(() -> texts(cardA, ".line-who").get(0)));
        assertTrue(fx(() -> texts(cardA, ".line-detail").get(0)).startsWith("waits "));
        Node cardB = waitForCard(robot, lockB);
        assertEquals("held by " + second.getName(), fx(() -> text(cardB, ".card-headline")));
        assertEquals(first.getName() + " (pid " + pid1 + ")", fx(() -> texts(cardB, ".line-who").get(0)));

        // the graph: both processes and both locks in the cycle, drawn red; the tab and banner say deadlock
        Node graph = robot.lookup("#" + PrimitivesView.GRAPH_ID).query();
        waitFor(() -> fx(() -> graph.lookupAll(".graph-node.in-cycle").size()) == 4);
        assertEquals(4, fx(() -> graph.lookupAll(".graph-edge.in-cycle").size()));
        for (Node n : fx(() -> List.copyOf(graph.lookupAll(".graph-node.in-cycle")))) {
            Rectangle box = (Rectangle) ((Parent) n).getChildrenUnmodifiable().get(0);
            assertEquals(RED, fx(box::getStroke), "a node of the cycle is outlined red");
        }
        for (Node e : fx(() -> List.copyOf(graph.lookupAll(".graph-edge.in-cycle")))) {
            Line line = (Line) ((Parent) e).getChildrenUnmodifiable().get(0);
            assertEquals(RED, fx(line::getStroke), "an arrow of the cycle is red");
        }
        String banner = fx(() -> ((Label) robot.lookup("#" + PrimitivesView.DEADLOCK_TEXT_ID).query()).getText());
        assertTrue(banner.startsWith("Deadlock: ") && banner.contains(" \u2192 " + lockA + " \u2192 ")
                && banner.contains(" \u2192 " + lockB + " \u2192 ") && banner.contains(first.getName()), banner);
        assertTrue(fx(() -> robot.lookup("#" + PrimitivesView.DEADLOCK_BANNER_ID).query().isVisible()));
        assertEquals("Primitives \u00b7 DEADLOCK", fx(vm::getTabText));
        waitFor(() -> fx(() -> notificationText().contains("Deadlock in")));

        // terminate the first: the confirmation names the lock it holds and who waits on it
        robot.clickOn("#processes-tab");
        select(robot, first.getName(), pid1);
        robot.clickOn("#" + ControlToolBar.TERMINATE_ID);
        waitFor(() -> confirmDialog(robot) != null);
        DialogPane dialog = confirmDialog(robot);
        assertEquals("Terminate " + first.getName() + " (pid " + pid1 + "), which holds a lock?",
                fx(dialog::getHeaderText));
        String content = fx(dialog::getContentText);
        assertTrue(content.contains("pid " + pid1 + " holds Lock '" + lockA + "'; 1 process waits on it"), content);
        robot.clickOn(fx(() -> dialog.lookup("#" + FxDialogService.CONFIRM_BUTTON_ID)));

        // the second takes the lock over: no deadlock, and the card says where the lock came from
        assertTrue(first.join(Duration.ofSeconds(30)), "terminated");
        robot.clickOn("#primitives-tab");
        waitFor(() -> !fx(vm::isDeadlock));
        waitFor(() -> fx(() -> {
            PrimitiveCard c = vm.card(lockA);
            return c != null && c.getHeadline().equals("held by " + second.getName())
                    && c.getNote().startsWith("recovered from dead owner (pid " + pid1 + ")");
        }));
        assertTrue(fx(() -> text(waitForCard(robot, lockA), ".card-note"))
                .startsWith("recovered from dead owner (pid " + pid1 + ")"));
        assertTrue(fx(vm::getTabText).matches("Primitives \\(\\d+\\)"), fx(vm::getTabText));
    }

    // ---- helpers ----

    /** The card view of the primitive named {@code name}, once it is in the tab. */
    private Node waitForCard(FxRobot robot, String name) throws Exception {
        Node[] found = new Node[1];
        waitFor(() -> fx(() -> {
            for (Node n : robot.lookup(".primitive-card").queryAll()) {
                if (n.getUserData() instanceof PrimitiveCard && ((PrimitiveCard) n.getUserData()).getName().equals(name)
                        && n.getScene() != null) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        }));
        return found[0];
    }

    private static String text(Node card, String selector) {
        return ((Labeled) card.lookup(selector)).getText();
    }

    private static List<String> texts(Node card, String selector) {
        return card.lookupAll(selector).stream().map(n -> ((Labeled) n).getText()).collect(Collectors.toList());
    }

    /** The texts of the notifications on screen (ControlsFX shows them in popups of their own). */
    private static String notificationText() {
        StringBuilder sb = new StringBuilder();
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                for (Node n : w.getScene().getRoot().lookupAll(".notification-bar .label")) {
                    if (n instanceof Labeled && ((Labeled) n).getText() != null) {
                        sb.append(((Labeled) n).getText()).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Waits for the process's row, scrolls it into view and clicks its name, as a user would. */
    private void select(FxRobot robot, String name, long pid) throws Exception {
        TreeTableView<Row> tree = fx(() -> ((MainView) stage.getScene().getRoot()).getTree());
        waitFor(() -> fx(() -> findRow(tree.getRoot(), name, pid) != null));
        fx(() -> {
            tree.scrollTo(Math.max(0, tree.getRow(findRow(tree.getRoot(), name, pid)) - 2));
            return null;
        });
        Node[] cell = new Node[1];
        waitFor(() -> fx(() -> {
            for (Node n : tree.lookupAll(".tree-table-cell")) {
                if (n instanceof TreeTableCell && n.isVisible() && name.equals(((Labeled) n).getText())) {
                    cell[0] = n;
                    return true;
                }
            }
            return false;
        }));
        robot.clickOn(cell[0]);
        waitFor(() -> fx(() -> {
            TreeItem<Row> s = tree.getSelectionModel().getSelectedItem();
            return s != null && s.getValue().getPid() == pid;
        }));
    }

    private static TreeItem<Row> findRow(TreeItem<Row> root, String name, long pid) {
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(root.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> item = todo.pop();
            if (item.getValue().getName().equals(name) && item.getValue().getPid() == pid) {
                return item;
            }
            todo.addAll(item.getChildren());
        }
        return null;
    }

    private static DialogPane confirmDialog(FxRobot robot) {
        return robot.lookup("#" + FxDialogService.CONFIRM_ID).tryQueryAs(DialogPane.class)
                .filter(p -> p.getScene() != null && p.getScene().getWindow() != null
                        && p.getScene().getWindow().isShowing()).orElse(null);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
    }
}
