package io.mpscope.app.viewmodels;

import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Managers view of one session: a {@link ManagerCard} per manager with its server's state and the objects it
 * holds, the dicts, lists and Namespaces as tables whose changed values are highlighted.
 *
 * <p>Which session: the one the Primitives view shows (see {@code PrimitivesViewModel}), given to {@link #follow}.
 * Reads arrive through {@link #apply}; while the window is frozen the cards hold still. Confined to the FX thread
 * never blocks; no Node.
 */
public final class ManagersViewModel {
    private final ObservableList<ManagerCard> cards = FXCollections.observableArrayList();
    private final ObservableList<ManagerCard> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final Map<Integer, ManagerCard> byId = new HashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Managers");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");
    private final ReadOnlyStringWrapper tabText = new ReadOnlyStringWrapper(this, "tabText", "Managers");
    /** Null until the first {@link #setSession}. */
    private String sessionId;
    private boolean frozen;
    private PoolsUpdate received;
    private PoolsUpdate rendered;

    /** An empty view until {@link #follow} or {@link #setSession}. */
    public ManagersViewModel() {
        setSession("");
    }

    /**
     * Shows the session {@code session} names (empty: none), titled with {@code sessionName}, and holds still while
     * {@code frozenState} is true.
     */
    public void follow(ObservableValue<String> session, ObservableValue<String> sessionName,
                       ObservableValue<Boolean> frozenState) {
        sessionName.addListener((o, was, is) -> setSessionName(is));
        setSessionName(sessionName.getValue());
        session.addListener((o, was, is) -> setSession(is));
        frozenState.addListener((o, was, is) -> setFrozen(is));
        setFrozen(Boolean.TRUE.equals(frozenState.getValue()));
        setSession(session.getValue());
    }

    /** Shows session {@code id} (empty: none); forgets what was shown. */
    public void setSession(String id) {
        String next = id == null ? "" : id;
        if (next.equals(sessionId)) {
            return;
        }
        sessionId = next;
        received = null;
        rendered = null;
        byId.clear();
        cards.clear();
        tabText.set("Managers");
        status.set(next.isEmpty() ? "" : "Reading\u2026");
        placeholder.set(next.isEmpty()
                ? "Choose a session on the left, or select one of its processes, to see its managers."
                : "Reading\u2026");
    }

    /** Titles the view with the session's name ("Managers of PoolsDemo · 4711"; empty: none). */
    public void setSessionName(String name) {
        title.set(name == null || name.isEmpty() ? "Managers" : "Managers of " + name);
    }

    /** "Managers of PoolsDemo · 4711". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Holds the cards still while {@code on}. */
    public void setFrozen(boolean on) {
        if (frozen == on) {
            return;
        }
        frozen = on;
        if (!on && received != null && received != rendered) {
            render(received);
        }
    }

    /** Takes one read of the sampler; a read of another session, or one without managers, is dropped. */
    public void apply(PoolsUpdate u) {
        if (!u.sessionId().equals(sessionId) || (u.managers().isEmpty() && !u.gone() && u.failure().isEmpty())) {
            return;
        }
        received = u;
        if (!frozen) {
            render(u);
        }
    }

    private void render(PoolsUpdate u) {
        rendered = u;
        if (u.failure().isPresent()) {
            status.set("Managers unavailable: " + u.failure().get());
            if (cards.isEmpty()) {
                placeholder.set(status.get());
            }
            return;
        }
        if (u.gone() || u.managers().isEmpty()) {
            byId.clear();
            cards.clear();
            tabText.set("Managers");
            status.set("The session has ended");
            placeholder.set("The session has ended.");
            return;
        }
        List<ManagerSnapshot> managers = u.managers().get();
        List<ManagerCard> target = new ArrayList<>();
        Map<Integer, ManagerCard> keep = new HashMap<>();
        int objects = 0;
        for (ManagerSnapshot m : managers) {
            ManagerCard c = byId.get(m.id());
            if (c == null) {
                c = new ManagerCard(m.id());
            }
            c.update(m, u.takenAt());
            keep.put(m.id(), c);
            target.add(c);
            objects += m.objectCount();
        }
        byId.clear();
        byId.putAll(keep);
        ListDiff.reconcile(cards, target);
        tabText.set(managers.isEmpty() ? "Managers" : "Managers (" + managers.size() + ")");
        status.set(managers.isEmpty() ? "No managers in this session"
                : managers.size() + (managers.size() == 1 ? " manager, " : " managers, ") + objects
                + (objects == 1 ? " object" : " objects"));
        placeholder.set("No managers in this session yet. A Manager started by a program of this session appears"
                + " here with its dicts, lists and Namespaces.");
    }

    // ---- properties ----

    /** The managers, in the order they were made. */
    public ObservableList<ManagerCard> getCards() {
        return readOnlyCards;
    }

    /** The card of the manager named {@code name}, or null. */
    public ManagerCard card(String name) {
        return cards.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    /** "1 manager, 3 objects", "Reading…". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the empty view says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** "Managers (1)". */
    public ReadOnlyStringProperty tabTextProperty() {
        return tabText.getReadOnlyProperty();
    }

    public String getSessionId() {
        return sessionId;
    }
}
