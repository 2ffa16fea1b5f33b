package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.QueueSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The queues and pipes of the session the Primitives view shows: a live {@link QueueCard} per queue and per pipe
 * direction, in the order the session made them, and the card whose items the contents panel lists (the first one
 * until the user picks another). Fed by {@link PrimitivesViewModel}, which owns it: {@link #record} for every read
 * (also while frozen), {@link #render} when the view may change, {@link #clear} when the session changes.
 *
 * <p>Confined to the FX thread (or, in tests, to one thread); never blocks; no Node.
 */
public final class QueuesViewModel {
    private final ObservableList<QueueCard> cards = FXCollections.observableArrayList();
    private final ObservableList<QueueCard> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    /** The cards of the last read, by directory id, in its order. */
    private final Map<Integer, QueueCard> byId = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<QueueCard> selected = new ReadOnlyObjectWrapper<>(this, "selected");

    QueuesViewModel() {
    }

    /** Forgets every card (another session, or the session ended). */
    void clear() {
        byId.clear();
        cards.clear();
        selected.set(null);
    }

    /** Keeps one read of the session's queues, taken at {@code at}. */
    void record(List<QueueSnapshot> queues, Instant at) {
        Map<Integer, QueueCard> next = new LinkedHashMap<>();
        for (QueueSnapshot q : queues) {
            QueueCard c = byId.get(q.id());
            if (c == null || !c.getKind().equals(q.kind().pythonName())) {
                c = new QueueCard(q.id(), q.kind());
            }
            c.record(q, at);
            next.put(q.id(), c);
        }
        byId.clear();
        byId.putAll(next);
    }

    /** Shows the latest reads: cards updated in place, new ones added, gone ones removed. */
    void render() {
        for (QueueCard c : byId.values()) {
            c.render();
        }
        ListDiff.reconcile(cards, new ArrayList<>(byId.values()));
        QueueCard s = selected.get();
        if (s == null || byId.get(s.getId()) != s) {
            selected.set(cards.isEmpty() ? null : cards.get(0));
        }
    }

    /** Lists the items of {@code card} in the contents panel (ignored if it is not shown). */
    public void select(QueueCard card) {
        if (card != null && byId.get(card.getId()) == card) {
            selected.set(card);
        }
    }

    /** A card per queue and pipe direction, in the order the session made them. */
    public ObservableList<QueueCard> getCards() {
        return readOnlyCards;
    }

    /** The card whose items the contents panel lists; null when there is none. */
    public ReadOnlyObjectProperty<QueueCard> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public QueueCard getSelected() {
        return selected.get();
    }

    /** The card of the queue named {@code name} (a pipe direction: its full name, "ping (to conn1)"), or null. */
    public QueueCard card(String name) {
        for (QueueCard c : cards) {
            if (c.getFullName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
