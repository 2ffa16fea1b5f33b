package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.support.Children;
import io.mpscope.app.viewmodels.QueueCard;
import io.mpscope.app.viewmodels.Row;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.Queue;
import io.mpscope.multiprocessing.synchronize.Event;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
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

/**
 * The real window, headless under Monocle, watching a real queue: a child JVM puts twelve items into a queue nobody
 * reads. Its card in the Primitives tab shows the depth, a click on the card lists the items in the contents panel,
 * next one out first; then a second child takes them all and the card and panel go to empty, with the counters and
 * the depth chart saying so.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueuesUiTest {
    private static final long WAIT = 40;
    private static final int ITEMS = 12;

    private App app;
    private Stage stage;
    private Process producer;
    private Process consumer;

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
            assertTrue(Children.stop(producer, Duration.ofSeconds(2)), "producer ended: " + producer);
            assertTrue(Children.stop(consumer, Duration.ofSeconds(2)), "consumer ended: " + consumer);
        } finally {
            WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aQueueNobodyReadsShowsItsDepthAndItemsThenDrainsToEmpty(FxRobot robot) throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        String name = "inbox-" + tag;
        Context ctx = Multiprocessing.getContext();
        ctx.queue("decoy-" + tag, 3); // made first: its items are listed until the user picks another queue
        Queue<String> inbox = ctx.queue(name, 0);
        Event go = ctx.event();
        producer = ctx.process("producer-" + tag, () -> {
            for (int i = 1; i <= ITEMS; i++) {
                inbox.put("item " + i);
            }
            Thread.sleep(120_000); // holds on, so the feeder has long delivered and nobody reads
        });
        consumer = ctx.process("consumer-" + tag, () -> {
            go.await();
            for (int i = 1; i <= ITEMS; i++) {
                inbox.get();
                Thread.sleep(50);
            }
            Thread.sleep(120_000);
        });
        producer.start();
        consumer.start();
        long pid = producer.getPid().orElseThrow();

        // selecting a process of the session makes it the Primitives tab's session
        select(robot, producer.getName(), pid);
        robot.clickOn("#primitives-tab");

        // the card: the depth, as drawn
        Node card = waitForCard(robot, name);
        waitFor(() -> fx(() -> text(card, ".card-headline")).equals(ITEMS + " items"));
        assertEquals("unbounded", fx(() -> text(card, ".card-detail")).split(" \u00b7 ")[0]);
        assertTrue(fx(() -> text(card, ".card-footer")).startsWith("put " + ITEMS + " \u00b7 got 0"),
                fx(() -> text(card, ".card-footer")));
        QueueCard model = (QueueCard) card.getUserData();
        assertEquals(ITEMS, fx(() -> model.getHistory().last()), 0.0, "the chart's newest point is the depth");

        // a click lists its items, the next one out first
        Node contents = robot.lookup("#" + PrimitivesView.QUEUE_CONTENTS_ID).query();
        assertTrue(!fx(() -> text(contents, ".contents-name")).equals(name), "an earlier queue is listed first");
        scrollIntoView(card);
        robot.clickOn(card);
        waitFor(() -> fx(() -> texts(contents, ".item-text")).get(0).equals("'item 1'"));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            expected.add("'item " + i + "'");
        }
        waitFor(() -> fx(() -> texts(contents, ".item-text")).subList(0, ITEMS).equals(expected));
        assertEquals("", fx(() -> texts(contents, ".item-text")).get(ITEMS), "rows past the items are blank");
        assertEquals("next out", fx(() -> texts(contents, ".item-tag")).get(0));
        assertEquals(name, fx(() -> text(contents, ".contents-name")));
        assertEquals(ITEMS + " items \u00b7 next out at the top", fx(() -> text(contents, ".contents-detail")));
        assertTrue(fx(() -> card.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("selected"))), "the listed queue's card is marked");

        // a consumer drains it: depth 0 on the card, in the chart and in the panel
        go.set();
        waitFor(() -> fx(() -> text(card, ".card-headline")).equals("empty"));
        waitFor(() -> fx(() -> text(card, ".card-footer")).equals("put " + ITEMS + " \u00b7 got " + ITEMS));
        assertEquals(0.0, fx(() -> model.getHistory().last()), 0.0);
        assertEquals(ITEMS, fx(() -> model.getHistory().max()), 0.0, "the chart still shows where it was");
        assertTrue(fx(() -> texts(contents, ".item-text")).stream().allMatch(String::isEmpty),
                fx(() -> texts(contents, ".item-text")).toString());
        assertEquals("empty", fx(() -> text(contents, ".contents-detail")));
        assertTrue(fx(() -> contents.lookup(".placeholder-hint").isVisible()), "the panel says it is empty");
    }

    // ---- helpers ----

    /** The card view of the queue named {@code name}, once it is in the tab. */
    private Node waitForCard(FxRobot robot, String name) throws Exception {
        Node[] found = new Node[1];
        waitFor(() -> fx(() -> {
            for (Node n : robot.lookup(".queue-card").queryAll()) {
                if (n.getUserData() instanceof QueueCard && ((QueueCard) n.getUserData()).getFullName().equals(name)
                        && n.getScene() != null) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        }));
        return found[0];
    }

    /** Scrolls the cards so {@code card} is in view, as a user would before clicking it. */
    private static void scrollIntoView(Node card) throws Exception {
        fx(() -> {
            Node n = card.getParent();
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ScrollPane scroll = (ScrollPane) n;
            Node content = scroll.getContent();
            Bounds b = content.sceneToLocal(card.localToScene(card.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            if (room > 0) {
                scroll.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 10) / room)));
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(Node parent, String selector) {
        return ((Labeled) parent.lookup(selector)).getText();
    }

    private static List<String> texts(Node parent, String selector) {
        return parent.lookupAll(selector).stream().map(n -> ((Labeled) n).getText()).collect(Collectors.toList());
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

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
    }
}
