package io.mpscope.app.viewmodels;

import io.mpscope.app.services.DialogService;
import io.mpscope.app.services.PoolActions;
import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Pools view of one session: a {@link PoolCard} per pool with its worker slots, counts and calls, and the
 * commands grow, shrink, restart and terminate for the pools the window launched itself.
 *
 * <p>Session, freeze and reads as every {@link SessionCardsViewModel}. Confined to the FX thread (action results come
 * back through the {@code fx} executor); never blocks; no Node.
 */
public final class PoolsViewModel extends SessionCardsViewModel<PoolSnapshot, PoolCard> {
    private final PoolActions actions;
    private final DialogService dialogs;
    private final Executor fx;

    /**
     * @param actions what can be done to the pools the window launched
     * @param dialogs tells the user when an action fails
     * @param fx      runs action results on the FX thread
     */
    public PoolsViewModel(PoolActions actions, DialogService dialogs, Executor fx) {
        super("Pools");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.fx = Objects.requireNonNull(fx, "fx");
        setSession("");
    }

    @Override
    Optional<List<PoolSnapshot>> snapshots(PoolsUpdate u) {
        return u.pools();
    }

    @Override
    int idOf(PoolSnapshot p) {
        return p.id();
    }

    @Override
    PoolCard newCard(int id) {
        return new PoolCard(id);
    }

    @Override
    void update(PoolCard card, PoolSnapshot p, Instant takenAt) {
        card.update(p, actions.owns(p.ownerPid(), p.name()), takenAt);
    }

    @Override
    String nameOf(PoolCard card) {
        return card.getName();
    }

    /** "2 pools, 8 workers, 1 lost". */
    @Override
    String summary(List<PoolSnapshot> pools) {
        int workers = 0;
        int lost = 0;
        for (PoolSnapshot p : pools) {
            workers += (int) p.workers().stream().filter(w -> w.state() != PoolSnapshot.WorkerState.EXITED
                    && w.state() != PoolSnapshot.WorkerState.LOST).count();
            lost += p.workersLost();
        }
        return pools.size() + (pools.size() == 1 ? " pool, " : " pools, ") + workers
                + (workers == 1 ? " worker" : " workers") + (lost > 0 ? ", " + lost + " lost" : "");
    }

    @Override
    String nonePlaceholder() {
        return "No pools in this session yet. A Pool made by a program of this session appears here; "
                + "Launch\u2026 \u203a Pool makes one in mpscope itself.";
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
}
