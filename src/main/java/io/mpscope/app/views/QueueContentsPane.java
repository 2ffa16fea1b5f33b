package io.mpscope.app.views;

import io.mpscope.app.viewmodels.QueueCard;
import io.mpscope.app.viewmodels.QueuesViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The items now in the selected queue (or pipe direction), the next one out at the top: a fixed column of rows,
 * one per item the sampler peeks at, made once; a tick changes their texts. An item put since the previous read is
 * tinted, so messages arriving show as they happen; the rows move up as items are taken. Beside the title, the
 * way in and out with their rates, as on the card.
 *
 * <pre>
 * Items in tasks  Queue                        7 of 10 items · next out at the top
 * ● put 4.0/s   ● got 2.0/s
 *   1  'task 13'
 *   2  'task 14'
 *   …
 *   7  'task 19'                                                         (tinted: new)
 * + 3 more items after these
 * </pre>
 */
final class QueueContentsPane extends BorderPane {
    /** CSS id, for tests. */
    static final String ID = "queue-contents";
    /** The rows: as many as the sampler peeks at. */
    static final int ROWS = 20;

    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");
    private static final PseudoClass MOVING = PseudoClass.getPseudoClass("moving");

    private final QueuesViewModel vm;
    private final Label name = new Label();
    private final Label kind = new Label();
    private final Label way = new Label();
    private final Label detail = new Label();
    private final Label inFlow = new Label();
    private final Label outFlow = new Label();
    private final HBox inBox;
    private final HBox outBox;
    private final Label more = new Label();
    private final Label empty = new Label();
    private final List<Label[]> rows = new ArrayList<>();
    private final List<HBox> rowBoxes = new ArrayList<>();
    private final ListChangeListener<QueueCard.Item> itemsChanged = c -> showItems();
    private final InvalidationListener movingChanged = o -> showMoving();
    private QueueCard shown;

    QueueContentsPane(QueuesViewModel vm) {
        this.vm = vm;
        setId(ID);
        getStyleClass().add("queue-contents");

        Label title = new Label("Items in");
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        name.getStyleClass().addAll("section-title", "contents-name");
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMinWidth(0);
        kind.getStyleClass().add("card-kind");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        way.getStyleClass().add("card-direction");
        way.setMinWidth(Region.USE_PREF_SIZE);
        way.managedProperty().bind(way.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        detail.getStyleClass().add("contents-detail");
        detail.setMinWidth(Region.USE_PREF_SIZE);
        HBox titled = new HBox(5, title, name);
        titled.setAlignment(Pos.BASELINE_LEFT);
        titled.setMinWidth(0);
        HBox head = new HBox(7, titled, kind, way, gap, detail);
        head.setAlignment(Pos.CENTER_LEFT);

        inBox = flow(inFlow, "flow-in");
        outBox = flow(outFlow, "flow-out");
        HBox flows = new HBox(16, inBox, outBox);
        flows.setAlignment(Pos.CENTER_LEFT);
        flows.getStyleClass().add("queue-flow");
        VBox top = new VBox(4, head, flows);
        top.getStyleClass().add("contents-header");
        setTop(top);

        VBox list = new VBox(0);
        list.getStyleClass().add("contents-rows");
        for (int i = 0; i < ROWS; i++) {
            Label pos = new Label();
            pos.getStyleClass().add("item-position");
            pos.setMinWidth(34);
            pos.setPrefWidth(34);
            pos.setAlignment(Pos.CENTER_RIGHT);
            Label text = new Label();
            text.getStyleClass().add("item-text");
            text.setMaxWidth(Double.MAX_VALUE);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            Label tag = new Label();
            tag.getStyleClass().add("item-tag");
            tag.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(10, pos, text, tag);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("queue-item");
            list.getChildren().add(row);
            rows.add(new Label[] {pos, text, tag});
            rowBoxes.add(row);
        }
        more.getStyleClass().add("contents-more");
        more.setPadding(new javafx.geometry.Insets(2, 0, 6, 48));
        list.getChildren().add(more);
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("contents-scroll");
        empty.getStyleClass().add("placeholder-hint");
        empty.setWrapText(true);
        empty.setMaxWidth(360);
        StackPane body = new StackPane(scroll, empty);
        StackPane.setAlignment(empty, Pos.TOP_CENTER);
        empty.setTranslateY(24);
        setCenter(body);

        vm.selectedProperty().addListener((o, was, is) -> show(is));
        show(vm.getSelected());
    }

    private static HBox flow(Label text, String style) {
        Region light = new Region();
        light.getStyleClass().addAll("flow-light", style);
        text.getStyleClass().add("flow-text");
        HBox box = new HBox(5, light, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("flow");
        box.setMinWidth(170); // a fixed column: a changing rate never moves the other side
        box.setPrefWidth(170);
        return box;
    }

    /** Lists the items of {@code card} from now on (null: nothing). */
    private void show(QueueCard card) {
        if (shown != null) {
            shown.getItems().removeListener(itemsChanged);
            shown.inMovingProperty().removeListener(movingChanged);
            shown.outMovingProperty().removeListener(movingChanged);
        }
        shown = card;
        for (Label l : new Label[] {name, kind, way, detail, inFlow, outFlow, more}) {
            l.textProperty().unbind();
            l.setText("");
        }
        way.visibleProperty().unbind();
        if (card != null) {
            name.textProperty().bind(card.nameProperty());
            name.setTooltip(new Tooltip(card.getFullName()));
            kind.setText(card.getKind());
            way.textProperty().bind(card.directionProperty());
            way.visibleProperty().bind(card.directionProperty().isNotEmpty());
            detail.textProperty().bind(card.contentsDetailProperty());
            inFlow.textProperty().bind(card.inFlowProperty());
            outFlow.textProperty().bind(card.outFlowProperty());
            more.textProperty().bind(card.moreProperty());
            card.getItems().addListener(itemsChanged);
            card.inMovingProperty().addListener(movingChanged);
            card.outMovingProperty().addListener(movingChanged);
        }
        showItems();
        showMoving();
    }

    private void showMoving() {
        inBox.pseudoClassStateChanged(MOVING, shown != null && shown.inMovingProperty().get());
        outBox.pseudoClassStateChanged(MOVING, shown != null && shown.outMovingProperty().get());
    }

    /** Rows follow the items; a row without an item is blank (the column keeps its height). */
    private void showItems() {
        List<QueueCard.Item> items = shown == null ? List.of() : shown.getItems();
        for (int i = 0; i < rows.size(); i++) {
            Label[] r = rows.get(i);
            QueueCard.Item it = i < items.size() ? items.get(i) : null;
            r[0].setText(it == null ? "" : Integer.toString(it.position()));
            r[1].setText(it == null ? "" : it.text());
            r[2].setText(it == null ? "" : i == 0 ? "next out" : it.fresh() ? "new" : "");
            rowBoxes.get(i).pseudoClassStateChanged(FRESH, it != null && it.fresh());
            rowBoxes.get(i).pseudoClassStateChanged(EMPTY, it == null);
        }
        boolean none = shown == null || items.isEmpty();
        empty.setText(shown == null ? "" : shown.isPipe() ? "No message is waiting in this direction."
                : "The queue is empty.");
        empty.setVisible(none && shown != null);
    }
}
