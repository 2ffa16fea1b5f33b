package io.mpscope.app.views;

import io.mpscope.app.viewmodels.PrimitiveCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One primitive's card: kind and name, a headline (owner, flag, free permits, arrivals or contents), a detail line,
 * permits or parties as slots, up to {@value PrimitiveCard#MAX_LINES} holder and waiter lines, a warning and a
 * footer. Its size is fixed and its nodes are made once: a tick changes texts and colours, never the layout, so
 * cards neither flicker nor jump.
 */
final class PrimitiveCardView extends VBox {
    /**
     * The card's size: every card has the same height, and the same width (between these, chosen by the view for
     * the room it has), so the grid never reflows on a tick.
     */
    static final double MIN_WIDTH = 262;
    static final double MAX_WIDTH = 340;
    static final double HEIGHT = 190;

    private static final PseudoClass IN_CYCLE = PseudoClass.getPseudoClass("in-cycle");
    private static final PseudoClass FILLED = PseudoClass.getPseudoClass("filled");
    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");
    private static final PseudoClass EMPTY = PseudoClass.getPseudoClass("empty");

    private final PrimitiveCard card;
    private final HBox slots = new HBox(4);
    private final List<Region> slotBoxes = new ArrayList<>();
    private final List<Label[]> lineLabels = new ArrayList<>();

    PrimitiveCardView(PrimitiveCard card) {
        this.card = card;
        setUserData(card);
        getStyleClass().addAll("primitive-card", "kind-" + card.getKind().toLowerCase(Locale.ROOT));
        setCardWidth(MIN_WIDTH);

        Label kind = new Label(card.getKind());
        kind.getStyleClass().add("card-kind");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        Label name = new Label();
        name.getStyleClass().add("card-name");
        name.textProperty().bind(card.nameProperty());
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(name, Priority.ALWAYS);
        Label id = new Label("#" + card.getId());
        id.getStyleClass().add("card-id");
        id.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(7, kind, name, id);
        header.setAlignment(Pos.CENTER_LEFT);

        Label headline = new Label();
        headline.getStyleClass().add("card-headline");
        if (card.isData()) {
            headline.getStyleClass().add("card-contents");
            headline.setWrapText(true);
            headline.setMaxHeight(58);
        } else if (card.isFlag()) {
            headline.getStyleClass().add("card-flag");
        }
        headline.textProperty().bind(card.headlineProperty());
        headline.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(card.headlineProperty());
        headline.setTooltip(tip);

        Label detail = new Label();
        detail.getStyleClass().add("card-detail");
        detail.textProperty().bind(card.detailProperty());
        detail.setMaxWidth(Double.MAX_VALUE);

        slots.getStyleClass().add("card-slots");
        slots.setAlignment(Pos.CENTER_LEFT);
        slots.setMinHeight(Region.USE_PREF_SIZE);

        VBox lines = new VBox(1);
        lines.getStyleClass().add("card-lines");
        for (int i = 0; i < PrimitiveCard.MAX_LINES; i++) {
            Label who = new Label();
            who.getStyleClass().add("line-who");
            who.setMaxWidth(Double.MAX_VALUE);
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
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.visibleProperty().bind(card.noteProperty().isNotEmpty());

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label footer = new Label();
        footer.getStyleClass().add("card-footer");
        footer.textProperty().bind(card.footerProperty());

        getChildren().addAll(header, headline, detail, slots, lines, note, spacer, footer);

        card.slotsProperty().addListener(o -> buildSlots());
        card.filledProperty().addListener(o -> fillSlots());
        card.getLines().addListener((ListChangeListener<PrimitiveCard.Line>) c -> showLines());
        card.toneProperty().addListener((o, was, is) -> tone(was, is));
        card.inCycleProperty().addListener((o, was, is) -> pseudoClassStateChanged(IN_CYCLE, is));
        buildSlots();
        showLines();
        tone(null, card.getTone());
        pseudoClassStateChanged(IN_CYCLE, card.isInCycle());
    }

    /** Sets the card's width (the view's choice for the room it has; all cards alike). */
    void setCardWidth(double w) {
        setMinSize(w, HEIGHT);
        setPrefSize(w, HEIGHT);
        setMaxSize(w, HEIGHT);
    }

    /** The card shown. */
    PrimitiveCard card() {
        return card;
    }

    private void tone(PrimitiveCard.Tone was, PrimitiveCard.Tone is) {
        if (was != null) {
            getStyleClass().remove("tone-" + was.name().toLowerCase(Locale.ROOT));
        }
        if (is != null) {
            getStyleClass().add("tone-" + is.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Permits or parties: one box each, made when their number changes (rarely), filled on every change. */
    private void buildSlots() {
        int n = card.getSlots();
        if (slotBoxes.size() != n) {
            slotBoxes.clear();
            for (int i = 0; i < n; i++) {
                Region r = new Region();
                r.getStyleClass().add("slot");
                slotBoxes.add(r);
            }
            slots.getChildren().setAll(slotBoxes);
            slots.setVisible(n > 0);
            slots.setManaged(n > 0);
        }
        fillSlots();
    }

    private void fillSlots() {
        int filled = card.getFilled();
        for (int i = 0; i < slotBoxes.size(); i++) {
            slotBoxes.get(i).pseudoClassStateChanged(FILLED, i < filled);
        }
    }

    /** The rows are always there (so the card keeps its layout); a row without a line is blank. */
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
