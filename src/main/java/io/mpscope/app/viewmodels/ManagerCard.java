package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One manager of the watched session: its name, server pid, whether it is alive or shut down, its address, and the
 * objects its server holds ({@link ManagedObjectCard}). FX thread; no Node.
 */
public final class ManagerCard {
    private final int id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyBooleanWrapper alive = new ReadOnlyBooleanWrapper(this, "alive");
    private final ObservableList<ManagedObjectCard> objects = FXCollections.observableArrayList();
    private final ObservableList<ManagedObjectCard> readOnlyObjects = FXCollections.unmodifiableObservableList(objects);
    private final Map<Long, ManagedObjectCard> byId = new HashMap<>();

    ManagerCard(int id) {
        this.id = id;
    }

    void update(ManagerSnapshot m, Instant now) {
        name.set(m.name());
        String st = m.shutDown() ? "SHUT DOWN" : m.serverAlive() ? "ALIVE" : "DEAD";
        state.set(st);
        alive.set(!m.shutDown() && m.serverAlive());
        detail.set("server pid " + m.serverPid() + " \u00b7 " + m.address() + " \u00b7 " + m.objectCount()
                + (m.objectCount() == 1 ? " object" : " objects") + " \u00b7 published "
                + WorkerTile.ageOf(Duration.between(m.published(), now)) + " ago");
        note.set(m.truncated() ? "Some objects or entries are left out: the shared summary is full." : m.shutDown()
                ? "The server has shut down: these are the objects as it last published them."
                : !m.serverAlive() ? "The server process is gone: these are the objects as it last published them."
                : "");
        List<ManagedObjectCard> target = new ArrayList<>();
        Map<Long, ManagedObjectCard> keep = new HashMap<>();
        for (ManagerSnapshot.ManagedObject o : m.objects()) {
            ManagedObjectCard c = byId.get(o.id());
            if (c == null) {
                c = new ManagedObjectCard(o.id());
            }
            c.update(o, now);
            keep.put(o.id(), c);
            target.add(c);
        }
        byId.clear();
        byId.putAll(keep);
        ListDiff.reconcile(objects, target);
    }

    public int getId() {
        return id;
    }

    public String getName() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** "server pid 4711 · unix:/tmp/… · 3 objects · published 0.2 s ago". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** ALIVE, SHUT DOWN or DEAD. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** A remark (truncated, shut down), or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** True while the server runs. */
    public ReadOnlyBooleanProperty aliveProperty() {
        return alive.getReadOnlyProperty();
    }

    public String getState() {
        return state.get();
    }

    public String getDetail() {
        return detail.get();
    }

    /** The server's objects, oldest first. */
    public ObservableList<ManagedObjectCard> getObjects() {
        return readOnlyObjects;
    }

    /** The object with the server's id {@code objectId}, or null. */
    public ManagedObjectCard object(long objectId) {
        return byId.get(objectId);
    }
}
