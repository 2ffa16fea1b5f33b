package io.mpscope.app.views;

import io.mpscope.app.viewmodels.PrimitiveCard;
import io.mpscope.app.viewmodels.QueueCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One queue's (or pipe direction's) card: kind and name, the depth as a headline, bound, bytes or ends as a detail,
 * the depth of the last reads as a chart, the way in and out with a light that is on while items move, who waits,
 * a warning and the counters. As {@link PrimitiveCardView}: fixed size, nodes made once, a tick changes texts and
 * colours only. A click lists its items in the contents panel.
 */
final class QueueCardView extends VBox {
    /** Taller than a primitive's card: the chart and the flow line. */
    static final double HEIGHT = 214;
    static final double CHART_HEIGHT = 40;

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass MOVING = PseudoClass.getPseudoClass("moving");
    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

    private final QueueCard card;
    private final DepthChart chart = new DepthChart(CHART_HEIGHT, QueueCard.HISTORY);
    private final List<Label[]> lineLabels = new ArrayList<>();

    QueueCardView(QueueCard card, Runnable onSelect) {
        this.card = card;
        setUserData(card);
        getStyleClass().addAll("primitive-card", "queue-card", "kind-" + card.getKind().toLowerCase(Locale.ROOT));
        setCursor(Cursor.HAND);
        setOnMouseClicked(e -> onSelect.run());
        setCardWidth(PrimitiveCardView.MIN_WIDTH);

        Label kind = new Label(card.getKind());
        kind.getStyleClass().add("card-kind");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        Label name = new Label();
        name.getStyleClass().add("card-name");
        name.textProperty().bind(card.nameProperty());
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMinWidth(0);
        Label way = new Label();
        way.getStyleClass().add("card-direction");
        way.textProperty().bind(card.directionProperty());
        way.setMinWidth(Region.USE_PREF_SIZE);
        way.visibleProperty().bind(card.directionProperty().isNotEmpty());
        way.managedProperty().bind(way.visibleProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label id = new Label("#" + card.getId());
        id.getStyleClass().add("card-id");
        id.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(7, kind, name, way, gap, id);
        header.setAlignment(Pos.CENTER_LEFT);

        Label headline = new Label();
        headline.getStyleClass().addAll("card-headline", "queue-depth");
        headline.textProperty().bind(card.headlineProperty());
        headline.setMaxWidth(Double.MAX_VALUE);

        Label detail = new Label();
        detail.getStyleClass().add("card-detail");
        detail.textProperty().bind(card.detailProperty());
        detail.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(card.detailProperty());
        detail.setTooltip(tip);

        card.historyProperty().addListener(o -> redraw());
        card.boundProperty().addListener(o -> redraw());
        card.fullProperty().addListener(o -> redraw());

        HBox flow = new HBox(14, flowLabel(card, true), flowLabel(card, false));
        flow.getStyleClass().add("queue-flow");
        flow.setAlignment(Pos.CENTER_LEFT);

        VBox lines = new VBox(1);
        lines.getStyleClass().add("card-lines");
        for (int i = 0; i < QueueCard.MAX_LINES; i++) {
            Label who = new Label();
            who.getStyleClass().add("line-who");
            who.setMaxWidth(Double.MAX_VALUE);
            who.setMinWidth(0);
            HBox.setHgrow(who, Priority.ALWAYS);
            Label what = new Label();
            what.getStyleClass().add("line-detail");
            what.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(6, who, what);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("card-line");
            lines.getChildren().add(row);
            lineLabels.add(new Label[] {who, what});
        }

        Label note = new Label();
        note.getStyleClass().add("card-note");
        note.textProperty().bind(card.noteProperty());
        note.setMaxWidth(Double.MAX_VALUE);
        Tooltip noteTip = new Tooltip();
        noteTip.textProperty().bind(card.noteProperty());
        note.setTooltip(noteTip);

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label footer = new Label();
        footer.getStyleClass().add("card-footer");
        footer.textProperty().bind(card.footerProperty());

        getChildren().addAll(header, headline, detail, chart, flow, lines, note, spacer, footer);

        card.getLines().addListener((ListChangeListener<PrimitiveCard.Line>) c -> showLines());
        card.toneProperty().addListener((o, was, is) -> tone(was, is));
        showLines();
        tone(null, card.getTone());
        redraw();
    }

    /** "● put 4.0/s": the light is on while items move that way. */
    private static HBox flowLabel(QueueCard card, boolean in) {
        Region light = new Region();
        light.getStyleClass().addAll("flow-light", in ? "flow-in" : "flow-out");
        Label text = new Label();
        text.getStyleClass().add("flow-text");
        text.textProperty().bind(in ? card.inFlowProperty() : card.outFlowProperty());
        text.setMinWidth(0);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.textProperty());
        text.setTooltip(tip);
        HBox box = new HBox(5, light, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("flow");
        // each side has half the row, whatever its text: a changing rate never moves the other side
        box.setPrefWidth(0);
        box.setMinWidth(0);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        var moving = in ? card.inMovingProperty() : card.outMovingProperty();
        moving.addListener((o, was, is) -> box.pseudoClassStateChanged(MOVING, is));
        box.pseudoClassStateChanged(MOVING, moving.get());
        return box;
    }

    /** Sets the card's width (the same as the primitive cards'). */
    void setCardWidth(double w) {
        setMinSize(w, HEIGHT);
        setPrefSize(w, HEIGHT);
        setMaxSize(w, HEIGHT);
        // the padding (15 left, 12 right) as primitives.css sets it
        chart.setWidth(Math.max(40, w - 27));
    }

    /** Marks the card whose items the contents panel lists. */
    void setSelected(boolean on) {
        pseudoClassStateChanged(SELECTED, on);
    }

    /** The card shown. */
    QueueCard card() {
        return card;
    }

    private void redraw() {
        chart.show(card.getHistory(), card.boundProperty().get(), card.fullProperty().get());
    }

    private void tone(PrimitiveCard.Tone was, PrimitiveCard.Tone is) {
        if (was != null) {
            getStyleClass().remove("tone-" + was.name().toLowerCase(Locale.ROOT));
        }
        if (is != null) {
            getStyleClass().add("tone-" + is.name().toLowerCase(Locale.ROOT));
        }
    }

    private void showLines() {
        List<PrimitiveCard.Line> ls = card.getLines();
        for (int i = 0; i < lineLabels.size(); i++) {
            Label[] row = lineLabels.get(i);
            PrimitiveCard.Line l = i < ls.size() ? ls.get(i) : null;
            row[0].setText(l == null ? "" : l.who());
            row[1].setText(l == null ? "" : l.detail());
            row[0].pseudoClassStateChanged(ALERT, l != null && l.alert());
            row[0].getParent().pseudoClassStateChanged(EMPTY, l == null);
        }
    }
}
