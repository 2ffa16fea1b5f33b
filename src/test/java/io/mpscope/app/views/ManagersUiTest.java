package io.mpscope.app.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.App;
import io.mpscope.app.support.Children;
import io.mpscope.app.viewmodels.EntryRow;
import io.mpscope.app.viewmodels.ManagedObjectCard;
import io.mpscope.app.viewmodels.ManagerCard;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.DictProxy;
import io.mpscope.multiprocessing.managers.NamespaceProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
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
 * The real window, headless under Monocle, watching a real manager: its server JVM holds a dict and a Namespace; a
 * child JVM changes the dict, and the Managers tab shows the new value, highlighted, with the child named as the
 * last to change it; the server's pid, state and address are shown, and after shutdown it says SHUT DOWN.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ManagersUiTest {
    private static final long WAIT = 60;

    private App app;
    private Stage stage;
    private SyncManager manager;
    private Process child;

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
            assertTrue(Children.stop(child, Duration.ofSeconds(2)), "child ended: " + child);
            if (manager != null) {
                manager.shutdown();
                assertTrue(manager.join(Duration.ofSeconds(30)), "the manager's server ended");
            }
        } finally {
            WaitForAsyncUtils.asyncFx(() -> app.stop()).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDictChangedByAChildShowsItsNewValueHighlighted(FxRobot robot) throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        Context ctx = Multiprocessing.getContext();
        manager = ctx.manager();
        DictProxy<String, Integer> scores = manager.dict();
        scores.put("alice", 1);
        scores.put("bob", 2);
        NamespaceProxy status = manager.namespace();
        status.set("phase", "start");
        long serverPid = manager.getProcess().getPid().orElseThrow();

        MainView main = fx(() -> (MainView) stage.getScene().getRoot());
        fx(() -> {
            main.showTab("managers-tab");
            return null;
        });
        selectOwnSession(main);
        Node card = waitForManager(robot);
        ManagerCard m = (ManagerCard) card.getUserData();
        waitFor(() -> fx(() -> m.getObjects().size() >= 2 && entry(m.getObjects().get(0), "bob") != null));
        assertEquals("ALIVE", fx(m::getState));
        assertTrue(fx(m::getDetail).startsWith("server pid " + serverPid + " \u00b7 unix:"), fx(m::getDetail));
        assertEquals(List.of("dict", "Namespace"), fx(() -> m.getObjects().stream().map(
                ManagedObjectCard::getTypeid).toList()));

        ManagedObjectCard dict = fx(() -> m.getObjects().get(0));
        Node dictNode = fx(() -> card.lookupAll(".managed-object").stream().filter(n -> n.getUserData() == dict)
                .findFirst().orElseThrow());
        waitFor(() -> fx(() -> cellTexts(dictNode).containsAll(List.of(dict.getEntries().get(0).getKey(), "1",
                entry(dict, "bob").getKey(), "2"))));
        EntryRow bob = fx(() -> entry(dict, "bob"));
        // whether the row is highlighted when it takes the new value (it may still be lit from its first sight)
        AtomicBoolean lit = new AtomicBoolean();
        fx(() -> {
            bob.valueProperty().addListener((o, was, is) -> {
                if (is.equals("42")) {
                    lit.set(bob.isHighlighted());
                }
            });
            return null;
        });

        // a child changes bob's score through its own proxy
        String setter = "setter-" + tag;
        child = ctx.process(setter, () -> scores.put("bob", 42));
        child.start();
        assertTrue(child.join(Duration.ofSeconds(60)), "the child ended");
        assertEquals(0, child.getExitCode().getAsInt());
        long childPid = child.getPid().orElseThrow();

        waitFor(() -> fx(() -> cellTexts(dictNode).contains("42")));
        assertTrue(lit.get(), "the changed value was highlighted");
        assertEquals("1", fx(() -> entry(dict, "alice").getValue()));
        assertEquals("42", fx(bob::getValue));
        assertTrue(fx(dict::getLastChange).startsWith("changed by " + setter + " (pid " + childPid + "): "),
                fx(dict::getLastChange));
        assertTrue(fx(() -> text(dictNode, ".object-change")).contains(setter));

        // the server shuts down: its last objects stay, marked
        manager.shutdown();
        assertTrue(manager.join(Duration.ofSeconds(30)));
        waitFor(() -> fx(() -> !m.getState().equals("ALIVE")));
        assertEquals("SHUT DOWN", fx(m::getState));
        assertEquals("SHUT DOWN", fx(() -> text(card, ".state-badge")));
    }

    // ---- helpers ----

    /** The entry of {@code key}, shown as the server writes a key (plain or quoted). */
    private static EntryRow entry(ManagedObjectCard o, String key) {
        EntryRow r = o.entry(key);
        return r != null ? r : o.entry("'" + key + "'");
    }

    private void selectOwnSession(MainView main) throws Exception {
        String own = ProcessHandle.current().pid() + "-";
        waitFor(() -> fx(() -> app.viewModel().getSessions().stream().anyMatch(s -> s.getId().startsWith(own))));
        fx(() -> main.showSession(app.viewModel().getSessions().stream().filter(s -> s.getId().startsWith(own))
                .findFirst().orElseThrow().getId()));
    }

    private Node waitForManager(FxRobot robot) throws Exception {
        Node[] found = new Node[1];
        waitFor(() -> fx(() -> {
            for (Node n : robot.lookup(".pool-card").queryAll()) {
                if (n.getUserData() instanceof ManagerCard && n.getScene() != null && ((ManagerCard) n.getUserData())
                        .getDetail().startsWith("server pid " + manager.getProcess().getPid().orElseThrow() + " ")) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        }));
        return found[0];
    }

    /** The texts of the table cells shown in {@code object}'s table, rows with an item only. */
    private static List<String> cellTexts(Node object) {
        return object.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell && ((TableCell<?, ?>) n).getTableRow() != null
                        && ((TableRow<?>) ((TableCell<?, ?>) n).getTableRow()).getItem() != null)
                .map(n -> ((Labeled) n).getText()).toList();
    }

    private static String text(Node parent, String selector) {
        return ((Labeled) parent.lookup(selector)).getText();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT, TimeUnit.SECONDS, condition);
    }
}
