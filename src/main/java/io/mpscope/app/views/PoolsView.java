package io.mpscope.app.views;

import io.mpscope.app.viewmodels.CallRow;
import io.mpscope.app.viewmodels.PoolCard;
import io.mpscope.app.viewmodels.PoolsViewModel;
import io.mpscope.app.viewmodels.WorkerTile;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Pools tab: one card per pool of the session, with its worker slots as tiles, its task counts, and a progress
 * bar per recent call; a LOST worker and a failed call are red. Grow, Shrink, Restart and Terminate act on pools
 * launched from mpscope; for other programs' pools they are disabled, and hovering them says why.
 *
 * <pre>
 * +-------------------------------------------------------------------------------------------+
 * | Pools                                                      1 pool, 4 workers               |
 * | Pool-1  RUNNING  owner pid 4711 · 4 workers · ...      [Grow] [Shrink] [Restart] [Terminate] |
 * | queued 12 · running 4 · done 20 · failed 1      2 tasks failed · 1 worker lost            |
 * | [ForkPoolWorker-1 BUSY pid 4712 call 1, task 8 ...] [ForkPoolWorker-2 IDLE ...] ...       |
 * | #1 map      [=========-------]  23 / 40            running 2.1 s                           |
 * +-------------------------------------------------------------------------------------------+
 * </pre>
 */
public final class PoolsView extends BorderPane {
    /** CSS ids and classes, for tests and the stylesheet. */
    public static final String ID = "pools-view";
    public static final String CARDS_ID = "pool-cards";
    public static final String STATUS_ID = "pools-status";
    static final PseudoClass LOST = PseudoClass.getPseudoClass("lost");
    static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    static final PseudoClass FINISHED = PseudoClass.getPseudoClass("finished");

    private static final double TILE_WIDTH = 252;

    private final PoolsViewModel vm;

    /** The view of {@code vm}. FX thread only. */
    public PoolsView(PoolsViewModel vm) {
        this.vm = vm;
        setId(ID);
        getStyleClass().addAll("primitives-view", "pools-view");
        getStylesheets().addAll(PrimitivesView.stylesheet(), stylesheet());
        setTop(header(vm.titleProperty(), vm.statusProperty(), STATUS_ID));
        VBox cards = new VBox(12);
        cards.setId(CARDS_ID);
        cards.getStyleClass().add("pool-cards");
        NodeLists.bind(vm.getCards(), cards, this::card);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("cards-scroll");
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder-hint");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(520);
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(Bindings.isEmpty(vm.getCards()));
        setCenter(new StackPane(scroll, placeholder));
    }

    /** The stylesheet of the Pools and Managers tabs. */
    public static String stylesheet() {
        return PoolsView.class.getResource("pools.css").toExternalForm();
    }

    static HBox header(javafx.beans.value.ObservableValue<String> text,
                       javafx.beans.value.ObservableValue<String> status, String statusId) {
        Label title = new Label();
        title.textProperty().bind(text);
        title.getStyleClass().add("primitives-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label st = new Label();
        st.setId(statusId);
        st.getStyleClass().add("primitives-status");
        st.textProperty().bind(status);
        st.setMinWidth(0);
        HBox header = new HBox(12, title, st);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("primitives-header");
        return header;
    }

    static Label label(javafx.beans.value.ObservableValue<String> text, String... styleClasses) {
        Label l = new Label();
        l.getStyleClass().addAll(styleClasses);
        l.textProperty().bind(text);
        return l;
    }

    private Node card(PoolCard c) {
        Label name = label(c.nameProperty(), "card-name", "pool-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label state = label(c.stateProperty(), "state-badge");
        state.setMinWidth(Region.USE_PREF_SIZE);
        c.stateProperty().addListener((o, was, is) -> restate(state, is));
        restate(state, c.stateProperty().get());
        Label detail = label(c.detailProperty(), "card-detail");
        detail.setMinWidth(0);
        HBox.setHgrow(detail, Priority.ALWAYS);
        detail.setMaxWidth(Double.MAX_VALUE);

        Button grow = button("Grow", "pool-grow", "Add one worker", () -> vm.grow(c));
        Button shrink = button("Shrink", "pool-shrink", "Retire one worker once it is idle (no task is lost)",
                () -> vm.shrink(c));
        Button restart = button("Restart workers", "pool-restart",
                "Replace each worker with a fresh one after its current chunk", () -> vm.restart(c));
        Button terminate = button("Terminate", "pool-terminate",
                "Terminate the pool: its workers are stopped and unfinished calls fail", () -> vm.terminate(c));
        HBox buttons = new HBox(6, grow, shrink, restart, terminate);
        buttons.getStyleClass().add("pool-buttons");
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        for (Button b : List.of(grow, shrink, restart, terminate)) {
            b.disableProperty().bind(c.controllableProperty().not().or(c.busyProperty()));
        }
        // A disabled button gets no mouse events, so the reason hangs on the box around the buttons.
        Tooltip why = new Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(420);
        why.textProperty().bind(c.controlNoteProperty());
        Runnable tip = () -> {
            if (c.getControlNote().isEmpty()) {
                Tooltip.uninstall(buttons, why);
            } else {
                Tooltip.install(buttons, why);
            }
        };
        c.controlNoteProperty().addListener(o -> tip.run());
        tip.run();
        buttons.setUserData(why);

        HBox top = new HBox(10, name, state, detail, buttons);
        top.setAlignment(Pos.CENTER_LEFT);

        Label counts = label(c.countsProperty(), "pool-counts");
        Label failures = label(c.failuresProperty(), "pool-failures");
        failures.visibleProperty().bind(c.failuresProperty().isNotEmpty());
        HBox countLine = new HBox(16, counts, failures);
        countLine.setAlignment(Pos.CENTER_LEFT);

        FlowPane workers = new FlowPane(8, 8);
        workers.getStyleClass().add("worker-tiles");
        NodeLists.bind(c.getWorkers(), workers, PoolsView::tile);

        VBox calls = new VBox(4);
        calls.getStyleClass().add("pool-calls");
        NodeLists.bind(c.getCalls(), calls, PoolsView::callRow);
        Label callsTitle = new Label("Calls");
        callsTitle.getStyleClass().add("section-title");
        callsTitle.visibleProperty().bind(Bindings.isNotEmpty(c.getCalls()));
        callsTitle.managedProperty().bind(callsTitle.visibleProperty());
        Label workersTitle = new Label("Workers");
        workersTitle.getStyleClass().add("section-title");

        VBox card = new VBox(8, top, countLine, workersTitle, workers, callsTitle, calls);
        card.getStyleClass().addAll("pool-card");
        card.setUserData(c);
        return card;
    }

    private static void restate(Label badge, String state) {
        badge.getStyleClass().removeIf(s -> s.startsWith("state-") && !s.equals("state-badge"));
        badge.getStyleClass().add("state-" + state.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().addAll("pool-button", id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Node tile(WorkerTile w) {
        Label name = label(w.nameProperty(), "worker-name");
        name.setMinWidth(0);
        Label state = label(w.stateProperty(), "state-badge");
        state.setMinWidth(Region.USE_PREF_SIZE);
        w.stateProperty().addListener((o, was, is) -> restate(state, is));
        restate(state, w.stateProperty().get());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(6, name, gap, state);
        top.setAlignment(Pos.CENTER_LEFT);
        Label pid = label(w.pidProperty(), "worker-pid");
        Label task = label(w.taskProperty(), "worker-task");
        Label done = label(w.doneProperty(), "worker-done");
        Label since = label(w.sinceProperty(), "worker-since");
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox bottom = new HBox(6, done, gap2, since);
        VBox tile = new VBox(2, top, pid, task, bottom);
        tile.getStyleClass().add("worker-tile");
        tile.setPrefWidth(TILE_WIDTH);
        tile.setMaxWidth(TILE_WIDTH);
        tile.setUserData(w);
        Runnable style = () -> {
            tile.getStyleClass().removeIf(s -> s.startsWith("worker-") && !s.equals("worker-tile"));
            tile.getStyleClass().add("worker-" + w.getState().toLowerCase(java.util.Locale.ROOT));
            tile.pseudoClassStateChanged(LOST, w.lostProperty().get());
        };
        w.stateProperty().addListener(o -> style.run());
        w.lostProperty().addListener(o -> style.run());
        style.run();
        return tile;
    }

    private static Node callRow(CallRow r) {
        Label kind = label(r.kindProperty(), "call-kind");
        kind.setMinWidth(130);
        kind.setPrefWidth(130);
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("call-progress");
        bar.progressProperty().bind(r.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label count = label(r.countProperty(), "call-count");
        count.setMinWidth(190);
        count.setPrefWidth(190);
        Label state = label(r.stateProperty(), "call-state");
        state.setMinWidth(150);
        state.setPrefWidth(150);
        HBox row = new HBox(10, kind, bar, count, state);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("call-row");
        row.setUserData(r);
        Runnable style = () -> {
            row.pseudoClassStateChanged(FAILED, r.isFailed());
            row.pseudoClassStateChanged(FINISHED, r.finishedProperty().get());
        };
        r.failedProperty().addListener(o -> style.run());
        r.finishedProperty().addListener(o -> style.run());
        style.run();
        return row;
    }
}
