package io.mpscope.app.viewmodels;

import io.mpscope.app.services.PoolsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A view of one session made of one card per observed thing ({@code S}: a pool's or a manager's snapshot), kept by
 * its id from read to read: which session it follows, the freeze, the title, the tab text and the status line. The
 * Pools and Managers views differ only in their noun, their cards and their status line.
 *
 * <p>Which session: the one the Primitives view shows (see {@code PrimitivesViewModel}), given to {@link #follow}.
 * Reads arrive through {@link #apply}; while the window is frozen the cards hold still. Confined to the FX thread;
 * never blocks; no Node.
 *
 * @param <S> the snapshot of one thing
 * @param <C> its card
 */
public abstract class SessionCardsViewModel<S, C> {
    private final String noun;
    private final ObservableList<C> cards = FXCollections.observableArrayList();
    private final ObservableList<C> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final Map<Integer, C> byId = new HashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper title;
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");
    private final ReadOnlyStringWrapper tabText;
    /** Null until the first {@link #setSession}. */
    private String sessionId;
    private boolean frozen;
    private PoolsUpdate received;
    private PoolsUpdate rendered;

    /** @param noun what the view lists, capitalised and plural: {@code Pools}, {@code Managers} */
    SessionCardsViewModel(String noun) {
        this.noun = noun;
        this.title = new ReadOnlyStringWrapper(this, "title", noun);
        this.tabText = new ReadOnlyStringWrapper(this, "tabText", noun);
    }

    // ---- what a subclass tells ----

    /** The things of this kind in read {@code u} (empty: the read did not cover them). */
    abstract Optional<List<S>> snapshots(PoolsUpdate u);

    abstract int idOf(S snapshot);

    abstract C newCard(int id);

    /** Brings {@code card} up to {@code snapshot}, read at {@code takenAt}. */
    abstract void update(C card, S snapshot, Instant takenAt);

    abstract String nameOf(C card);

    /** The status line for a non-empty list: "2 pools, 8 workers". */
    abstract String summary(List<S> snapshots);

    /** What the empty view says while the session has none yet. */
    abstract String nonePlaceholder();

    // ---- session, freeze, reads ----

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
        tabText.set(noun);
        status.set(next.isEmpty() ? "" : "Reading\u2026");
        placeholder.set(next.isEmpty()
                ? "Choose a session on the left, or select one of its processes, to see its "
                + noun.toLowerCase(java.util.Locale.ROOT) + "."
                : "Reading\u2026");
    }

    /** Titles the view with the session's name ("Pools of PoolsDemo · 4711"; empty: none). */
    public void setSessionName(String name) {
        title.set(name == null || name.isEmpty() ? noun : noun + " of " + name);
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

    /** Takes one read of the sampler; a read of another session, or one that did not cover this kind, is dropped. */
    public void apply(PoolsUpdate u) {
        if (!u.sessionId().equals(sessionId) || (snapshots(u).isEmpty() && !u.gone() && u.failure().isEmpty())) {
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
            status.set(noun + " unavailable: " + u.failure().get());
            if (cards.isEmpty()) {
                placeholder.set(status.get());
            }
            return;
        }
        Optional<List<S>> read = snapshots(u);
        if (u.gone() || read.isEmpty()) {
            byId.clear();
            cards.clear();
            tabText.set(noun);
            status.set("The session has ended");
            placeholder.set("The session has ended.");
            return;
        }
        List<S> all = read.get();
        List<C> target = new ArrayList<>();
        Map<Integer, C> keep = new HashMap<>();
        for (S s : all) {
            int id = idOf(s);
            C c = byId.get(id);
            if (c == null) {
                c = newCard(id);
            }
            update(c, s, u.takenAt());
            keep.put(id, c);
            target.add(c);
        }
        byId.clear();
        byId.putAll(keep);
        ListDiff.reconcile(cards, target);
        tabText.set(all.isEmpty() ? noun : noun + " (" + all.size() + ")");
        status.set(all.isEmpty() ? "No " + noun.toLowerCase(java.util.Locale.ROOT) + " in this session"
                : summary(all));
        placeholder.set(nonePlaceholder());
    }

    // ---- properties ----

    /** The cards, in the order their things were made. */
    public ObservableList<C> getCards() {
        return readOnlyCards;
    }

    /** The card named {@code name}, or null. */
    public C card(String name) {
        return cards.stream().filter(c -> nameOf(c).equals(name)).findFirst().orElse(null);
    }

    /** "Pools of PoolsDemo · 4711". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "2 pools, 8 workers, 1 lost", "Reading…". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the empty view says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** "Pools (2)". */
    public ReadOnlyStringProperty tabTextProperty() {
        return tabText.getReadOnlyProperty();
    }

    public String getSessionId() {
        return sessionId;
    }
}
