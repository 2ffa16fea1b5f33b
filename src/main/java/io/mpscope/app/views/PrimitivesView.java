package io.mpscope.app.views;

import io.mpscope.app.viewmodels.PrimitiveCard;
import io.mpscope.app.viewmodels.PrimitivesViewModel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/**
 * The Primitives tab: a header naming the session, a red banner while it has a deadlock, the cards of its
 * primitives on the left and the wait-for graph on the right. Everything it shows comes from a
 * {@link PrimitivesViewModel}; a card's nodes are made once per primitive and updated in place. While the session
 * has queues or pipes, their cards come first ({@link QueuesSection}) and the items of the selected one are listed
 * above the graph ({@link QueueContentsPane}).
 *
 * <pre>
 * +-------------------------------------------------------------------------------+
 * | Primitives of PrimitivesDemo · 4711        12 primitives · 5 internal locks ...  |
 * | [! Deadlock: philosopher-1 → fork-2 → philosopher-2 → fork-1 → philosopher-1]    |
 * +----------------------------------------------+--------------------------------+
 * | [Lock fork-1] [Lock fork-2] [Lock printer]   | Wait-for graph   legend          |
 * | [Semaphore slots] [Event go] [Barrier ...]   |   (philosopher-1) --> [fork-2]   |
 * | [Value progress] [Array histogram] ...        |        ^                 |       |
 * +----------------------------------------------+--------------------------------+
 *
 * with queues:  | Queues and pipes                      | Items in tasks   7 of 10 items   |
 *               | [Queue tasks] [JoinableQueue jobs] ... |   1 'task 13' ...                |
 *               | Locks, semaphores, events and values  |----------------------------------|
 *               | [Lock printer] ...                    | Wait-for graph                   |
 * </pre>
 */
public final class PrimitivesView extends BorderPane {
    /** CSS ids, for tests and the stylesheet. */
    public static final String ID = "primitives-view";
    public static final String CARDS_ID = "primitive-cards";
    public static final String GRAPH_ID = "wait-graph";
    public static final String DEADLOCK_BANNER_ID = "deadlock-banner";
    public static final String DEADLOCK_TEXT_ID = "deadlock-text";
    public static final String STATUS_ID = "primitives-status";
    public static final String QUEUE_CARDS_ID = QueuesSection.CARDS_ID;
    public static final String QUEUE_CONTENTS_ID = QueueContentsPane.ID;

    private final PrimitivesViewModel vm;
    private final FlowPane cards = new FlowPane(10, 10);
    private final Map<PrimitiveCard, PrimitiveCardView> views = new IdentityHashMap<>();
    private final WaitGraphPane graph;
    private final QueuesSection queues;
    private double cardWidth = PrimitiveCardView.MIN_WIDTH;

    /** The view of {@code vm}. FX thread only. */
    public PrimitivesView(PrimitivesViewModel vm) {
        this.vm = vm;
        setId(ID);
        getStyleClass().add("primitives-view");
        getStylesheets().add(stylesheet());
        graph = new WaitGraphPane(vm.graphProperty());
        graph.setId(GRAPH_ID);
        queues = new QueuesSection(vm.queues());

        setTop(new VBox(buildHeader(), buildDeadlockBanner()));
        SplitPane split = new SplitPane(buildCards(), buildRight(buildGraph()));
        split.setDividerPositions(0.55);
        split.getStyleClass().add("primitives-split");
        setCenter(split);
    }

    /** The stylesheet of the Primitives tab (also used by the tab strip it sits in). */
    public static String stylesheet() {
        return PrimitivesView.class.getResource("primitives.css").toExternalForm();
    }

    /** The card views, in the order shown (for tests). */
    public List<Node> cardNodes() {
        return List.copyOf(cards.getChildren());
    }

    /** The queue card views, in the order shown (for tests). */
    public List<Node> queueCardNodes() {
        return queues.cardNodes();
    }

    /** The graph drawing (for tests). */
    public Region graphPane() {
        return graph;
    }

    private HBox buildHeader() {
        Label title = new Label();
        title.getStyleClass().add("primitives-title");
        title.textProperty().bind(vm.titleProperty());
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.setId(STATUS_ID);
        status.getStyleClass().add("primitives-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        HBox header = new HBox(12, title, status);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("primitives-header");
        return header;
    }

    private HBox buildDeadlockBanner() {
        Region icon = new Region();
        icon.getStyleClass().addAll("icon", "icon-deadlock");
        Label text = new Label();
        text.setId(DEADLOCK_TEXT_ID);
        text.getStyleClass().add("deadlock-text");
        text.textProperty().bind(vm.deadlockTextProperty());
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(vm.deadlockDetailProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        text.setTooltip(tip);
        Label how = new Label("Each process waits for a lock the next one holds, so none can go on. Terminating or"
                + " killing one of them lets the next take its lock over.");
        how.getStyleClass().add("deadlock-how");
        how.setWrapText(true);
        how.setMinHeight(Region.USE_PREF_SIZE);
        VBox texts = new VBox(2, text, how);
        HBox.setHgrow(texts, Priority.ALWAYS);
        HBox banner = new HBox(10, icon, texts);
        banner.setId(DEADLOCK_BANNER_ID);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("deadlock-banner");
        banner.visibleProperty().bind(vm.deadlockProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private StackPane buildCards() {
        cards.setId(CARDS_ID);
        cards.getStyleClass().add("primitive-cards");
        cards.setAlignment(Pos.TOP_LEFT);
        Label primitivesTitle = new Label("Locks, semaphores, events, barriers and shared values");
        primitivesTitle.getStyleClass().add("section-title");
        HBox primitivesHead = new HBox(primitivesTitle);
        primitivesHead.getStyleClass().add("cards-section-header");
        // the title only tells the two kinds of card apart: shown when there are both
        primitivesHead.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.queues().getCards())
                .and(javafx.beans.binding.Bindings.isNotEmpty(vm.getCards())));
        primitivesHead.managedProperty().bind(primitivesHead.visibleProperty());
        ScrollPane scroll = new ScrollPane(new VBox(queues, primitivesHead, cards));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("cards-scroll");
        vm.getCards().addListener((ListChangeListener<PrimitiveCard>) c -> syncCards());
        scroll.viewportBoundsProperty().addListener((o, was, is) -> fitColumns(is.getWidth()));
        syncCards();

        Label empty = new Label();
        empty.getStyleClass().add("placeholder-hint");
        empty.textProperty().bind(vm.placeholderProperty());
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.getCards())
                .and(javafx.beans.binding.Bindings.isEmpty(vm.queues().getCards())));
        StackPane box = new StackPane(scroll, empty);
        box.getStyleClass().add("cards-box");
        return box;
    }

    /**
     * As many columns as fit at {@link PrimitiveCardView#MIN_WIDTH}, the cards widened to fill the row (up to
     * {@link PrimitiveCardView#MAX_WIDTH}). Runs when the room changes, never on a tick.
     */
    private void fitColumns(double viewport) {
        double room = viewport - cards.getPadding().getLeft() - cards.getPadding().getRight();
        double gap = cards.getHgap();
        int columns = Math.max(1, (int) Math.floor((room + gap) / (PrimitiveCardView.MIN_WIDTH + gap)));
        double w = Math.floor(Math.min(PrimitiveCardView.MAX_WIDTH, (room - gap * (columns - 1)) / columns));
        cardWidth = Math.max(PrimitiveCardView.MIN_WIDTH, w);
        for (PrimitiveCardView v : views.values()) {
            v.setCardWidth(cardWidth);
        }
        queues.setCardWidth(cardWidth);
    }

    /** Card views follow the view model's list; a card that stays keeps its view (and is not re-made). */
    private void syncCards() {
        List<PrimitiveCard> now = vm.getCards();
        views.keySet().retainAll(new java.util.HashSet<>(now)); // cards have identity equality
        List<Node> target = now.stream().map(c -> views.computeIfAbsent(c, k -> {
            PrimitiveCardView v = new PrimitiveCardView(k);
            v.setCardWidth(cardWidth);
            return v;
        })).collect(Collectors.toList());
        if (!target.equals(cards.getChildren())) {
            cards.getChildren().setAll(target);
        }
    }

    /**
     * The right side: the graph, with the selected queue's items above it while the session has queues (the split
     * changes when the first queue appears or the last goes, never on a tick).
     */
    private SplitPane buildRight(BorderPane graphBox) {
        QueueContentsPane contents = new QueueContentsPane(vm.queues());
        SplitPane right = new SplitPane(graphBox);
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.getStyleClass().add("primitives-right");
        Runnable layout = () -> {
            boolean any = !vm.queues().getCards().isEmpty();
            if (any && right.getItems().size() == 1) {
                right.getItems().setAll(contents, graphBox);
                right.setDividerPositions(0.58);
            } else if (!any && right.getItems().size() == 2) {
                right.getItems().setAll(graphBox);
            }
        };
        vm.queues().getCards().addListener((ListChangeListener<Object>) c -> layout.run());
        layout.run();
        return right;
    }

    private BorderPane buildGraph() {
        Label title = new Label("Wait-for graph");
        title.getStyleClass().add("section-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox legend = new HBox(14, legendItem(false, "held by"), legendItem(true, "waits for"));
        legend.setAlignment(Pos.CENTER_RIGHT);
        legend.getStyleClass().add("graph-legend");
        HBox head = new HBox(10, title, spacer, legend);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("graph-header");

        // centred while it fits; the pane's minimum size makes the scroll pane scroll when it does not
        StackPane centre = new StackPane(graph);
        centre.setAlignment(Pos.TOP_CENTER);
        centre.getStyleClass().add("graph-centre");
        ScrollPane scroll = new ScrollPane(centre);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("graph-scroll");
        scroll.viewportBoundsProperty().addListener((o, was, is) -> graph.setAvailableWidth(is.getWidth()));
        Label empty = new Label("No process holds or waits for a lock.");
        empty.getStyleClass().add("placeholder-hint");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.graphProperty().get().nodes().isEmpty(), vm.graphProperty()));
        StackPane body = new StackPane(scroll, empty);
        BorderPane box = new BorderPane(body);
        box.setTop(head);
        box.getStyleClass().add("graph-box");
        return box;
    }

    private static HBox legendItem(boolean dashed, String text) {
        Line line = new Line(0, 0, 22, 0);
        line.getStyleClass().add("graph-edge-line");
        Polygon head = new Polygon(22, -4, 30, 0, 22, 4);
        head.getStyleClass().add("graph-edge-head");
        javafx.scene.Group arrow = new javafx.scene.Group(line, head);
        arrow.getStyleClass().addAll("graph-edge", dashed ? "waits" : "holds");
        Label l = new Label(text);
        l.getStyleClass().add("legend-text");
        HBox item = new HBox(6, arrow, l);
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }
}
