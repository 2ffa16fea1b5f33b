package io.mpscope.app.views;

import io.mpscope.app.viewmodels.QueueCard;
import io.mpscope.app.viewmodels.QueuesViewModel;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The "Queues and pipes" part of the Primitives tab's cards: a title and a card per queue and pipe direction, above
 * the primitives' cards; absent (not managed) while the session has none. A card's view is made once per queue.
 */
final class QueuesSection extends VBox {
    /** CSS id of the cards' pane, for tests. */
    static final String CARDS_ID = "queue-cards";

    private final QueuesViewModel vm;
    private final FlowPane cards = new FlowPane(10, 10);
    private final Map<QueueCard, QueueCardView> views = new IdentityHashMap<>();
    private double cardWidth = PrimitiveCardView.MIN_WIDTH;

    QueuesSection(QueuesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("queues-section");
        Label title = new Label("Queues and pipes");
        title.getStyleClass().add("section-title");
        Label hint = new Label("click a card to list its items");
        hint.getStyleClass().add("section-hint");
        HBox head = new HBox(10, title, hint);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("cards-section-header");

        cards.setId(CARDS_ID);
        cards.getStyleClass().add("queue-cards");
        cards.setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(head, cards);

        visibleProperty().bind(Bindings.isNotEmpty(vm.getCards()));
        managedProperty().bind(visibleProperty());
        vm.getCards().addListener((ListChangeListener<QueueCard>) c -> syncCards());
        vm.selectedProperty().addListener((o, was, is) -> markSelected());
        syncCards();
    }

    /** The width of every card (the same as the primitive cards'). */
    void setCardWidth(double w) {
        cardWidth = w;
        for (QueueCardView v : views.values()) {
            v.setCardWidth(w);
        }
    }

    /** The card views, in the order shown (for tests). */
    List<Node> cardNodes() {
        return List.copyOf(cards.getChildren());
    }

    private void syncCards() {
        List<QueueCard> now = vm.getCards();
        views.keySet().retainAll(new HashSet<>(now));
        List<Node> target = now.stream().map(c -> views.computeIfAbsent(c, k -> {
            QueueCardView v = new QueueCardView(k, () -> vm.select(k));
            v.setCardWidth(cardWidth);
            return v;
        })).collect(Collectors.toList());
        if (!target.equals(cards.getChildren())) {
            cards.getChildren().setAll(target);
        }
        markSelected();
    }

    private void markSelected() {
        QueueCard s = vm.getSelected();
        for (Map.Entry<QueueCard, QueueCardView> e : views.entrySet()) {
            e.getValue().setSelected(e.getKey() == s);
        }
    }
}
