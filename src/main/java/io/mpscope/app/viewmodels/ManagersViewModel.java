package io.mpscope.app.viewmodels;

import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Managers view of one session: a {@link ManagerCard} per manager with its server's state and the objects it
 * holds, the dicts, lists and Namespaces as tables whose changed values are highlighted.
 *
 * <p>Session, freeze and reads as every {@link SessionCardsViewModel}. Confined to the FX thread; never blocks; no Node.
 */
public final class ManagersViewModel extends SessionCardsViewModel<ManagerSnapshot, ManagerCard> {

    /** An empty view until {@link #follow} or {@link #setSession}. */
    public ManagersViewModel() {
        super("Managers");
        setSession("");
    }

    @Override
    Optional<List<ManagerSnapshot>> snapshots(PoolsUpdate u) {
        return u.managers();
    }

    @Override
    int idOf(ManagerSnapshot m) {
        return m.id();
    }

    @Override
    ManagerCard newCard(int id) {
        return new ManagerCard(id);
    }

    @Override
    void update(ManagerCard card, ManagerSnapshot m, Instant takenAt) {
        card.update(m, takenAt);
    }

    @Override
    String nameOf(ManagerCard card) {
        return card.getName();
    }

    /** "1 manager, 3 objects". */
    @Override
    String summary(List<ManagerSnapshot> managers) {
        int objects = managers.stream().mapToInt(ManagerSnapshot::objectCount).sum();
        return managers.size() + (managers.size() == 1 ? " manager, " : " managers, ") + objects
                + (objects == 1 ? " object" : " objects");
    }

    @Override
    String nonePlaceholder() {
        return "No managers in this session yet. A Manager started by a program of this session appears"
                + " here with its dicts, lists and Namespaces.";
    }
}
