package io.mpscope.app.viewmodels;

import io.mpscope.app.services.DialogService;
import io.mpscope.app.services.PoolActions;
import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Pools view of one session: a {@link PoolCard} per pool with its worker slots, counts and calls, and the
 * commands grow, shrink, restart and terminate for the pools the window launched itself.
 *
 * <p>Which session: the one the Primitives view shows (see {@code PrimitivesViewModel}), given to {@link #follow}.
 * Reads arrive through {@link #apply}; while the window is frozen the cards hold still. Confined to the FX thread
 * (action results come back through the {@code fx} executor); never blocks; no Node.
 */
public final class PoolsViewModel {
    private final PoolActions actions;
    private final DialogService dialogs;
    private final Executor fx;
    private final ObservableList<PoolCard> cards = FXCollections.observableArrayList();
    private final ObservableList<PoolCard> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final Map<Integer, PoolCard> byId = new HashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Pools");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");
    private final ReadOnlyStringWrapper tabText = new ReadOnlyStringWrapper(this, "tabText", "Pools");
    /** Null until the first {@link #setSession}. */
    private String sessionId;
    private boolean frozen;
    private PoolsUpdate received;
    private PoolsUpdate rendered;

    /**
     * @param actions what can be done to the pools the window launched
     * @param dialogs tells the user when an action fails
     * @param fx      runs action results on the FX thread
     */
    public PoolsViewModel(PoolActions actions, DialogService dialogs, Executor fx) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.fx = Objects.requireNonNull(fx, "fx");
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
        tabText.set("Pools");
        status.set(next.isEmpty() ? "" : "Reading\u2026");
        placeholder.set(next.isEmpty()
                ? "Choose a session on the left, or select one of its processes, to see its pools."
                : "Reading\u2026");
    }

    /** Titles the view with the session's name ("Pools of PoolsDemo · 4711"; empty: none). */
    public void setSessionName(String name) {
        title.set(name == null || name.isEmpty() ? "Pools" : "Pools of " + name);
    }

    /** "Pools of PoolsDemo · 4711". */
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

    /** Takes one read of the sampler; a read of another session, or one without pools, is dropped. */
    public void apply(PoolsUpdate u) {
        if (!u.sessionId().equals(sessionId) || (u.pools().isEmpty() && !u.gone() && u.failure().isEmpty())) {
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
            status.set("Pools unavailable: " + u.failure().get());
            if (cards.isEmpty()) {
                placeholder.set(status.get());
            }
            return;
        }
        if (u.gone() || u.pools().isEmpty()) {
            byId.clear();
            cards.clear();
            tabText.set("Pools");
            status.set("The session has ended");
            placeholder.set("The session has ended.");
            return;
        }
        List<PoolSnapshot> pools = u.pools().get();
        List<PoolCard> target = new ArrayList<>();
        Map<Integer, PoolCard> keep = new HashMap<>();
        int workers = 0;
        int lost = 0;
        for (PoolSnapshot p : pools) {
            PoolCard c = byId.get(p.id());
            if (c == null) {
                c = new PoolCard(p.id());
            }
            c.update(p, actions.owns(p.ownerPid(), p.name()), u.takenAt());
            keep.put(p.id(), c);
            target.add(c);
            workers += (int) p.workers().stream().filter(w -> w.state() != PoolSnapshot.WorkerState.EXITED
                    && w.state() != PoolSnapshot.WorkerState.LOST).count();
            lost += p.workersLost();
        }
        byId.clear();
        byId.putAll(keep);
        ListDiff.reconcile(cards, target);
        tabText.set(pools.isEmpty() ? "Pools" : "Pools (" + pools.size() + ")");
        status.set(pools.isEmpty() ? "No pools in this session"
                : pools.size() + (pools.size() == 1 ? " pool, " : " pools, ") + workers
                + (workers == 1 ? " worker" : " workers") + (lost > 0 ? ", " + lost + " lost" : ""));
        placeholder.set("No pools in this session yet. A Pool made by a program of this session appears here; "
                + "Launch\u2026 \u203a Pool makes one in mpscope itself.");
    }

    // ---- commands ----

    /** Adds one worker to {@code card}'s pool. */
    public void grow(PoolCard card) {
        int n = card.processesProperty().get() + 1;
        act(card, "grow", () -> actions.resize(card.getName(), n));
    }

    /** Retires one idle worker of {@code card}'s pool (after its current chunk); a pool keeps at least one. */
    public void shrink(PoolCard card) {
        int n = card.processesProperty().get() - 1;
        if (n < 1) {
            dialogs.notify("Cannot shrink " + card.getName(), "A pool keeps at least one worker.");
            return;
        }
        act(card, "shrink", () -> actions.resize(card.getName(), n));
    }

    /** Replaces every worker of {@code card}'s pool, each after its current chunk. */
    public void restart(PoolCard card) {
        act(card, "restart", () -> actions.restartWorkers(card.getName()));
    }

    /** Terminates {@code card}'s pool. */
    public void terminate(PoolCard card) {
        act(card, "terminate", () -> actions.terminate(card.getName()));
    }

    private void act(PoolCard card, String what, Supplier<CompletableFuture<Void>> action) {
        if (!card.isControllable()) {
            dialogs.notify("Cannot " + what + " " + card.getName(), card.getControlNote());
            return;
        }
        card.setBusy(true);
        CompletableFuture<Void> f;
        try {
            f = action.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenCompleteAsync((v, failure) -> {
            card.setBusy(false);
            if (failure != null) {
                Throwable c = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                dialogs.showError("Could not " + what + " " + card.getName(),
                        c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
            }
        }, fx);
    }

    // ---- properties ----

    /** The pools, in the order they were made. */
    public ObservableList<PoolCard> getCards() {
        return readOnlyCards;
    }

    /** The card of the pool named {@code name}, or null. */
    public PoolCard card(String name) {
        return cards.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
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
