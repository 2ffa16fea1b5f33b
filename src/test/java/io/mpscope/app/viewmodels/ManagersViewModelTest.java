package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import io.mpscope.multiprocessing.observe.ManagerSnapshot.Change;
import io.mpscope.multiprocessing.observe.ManagerSnapshot.Entry;
import io.mpscope.multiprocessing.observe.ManagerSnapshot.ManagedObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The Managers view model without a toolkit: manager snapshots (plain records) in, cards, tables and highlights out. */
class ManagersViewModelTest {
    static final String SESSION = "4711-99";
    static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

    final ManagersViewModel vm = new ManagersViewModel();
    final SimpleStringProperty session = new SimpleStringProperty(SESSION);
    final SimpleBooleanProperty frozen = new SimpleBooleanProperty();

    ManagersViewModelTest() {
        vm.follow(session, new SimpleStringProperty("Demo \u00b7 4711"), frozen);
    }

    static ManagedObject dict(String b, Instant changedAt) {
        return new ManagedObject(1, "dict", 2, 2, List.of(new Entry("'a'", "1"), new Entry("'b'", b)),
                Optional.of(new Change(4800, "scorer", "__setitem__ 'b'", changedAt)));
    }

    static ManagedObject list(String... items) {
        List<Entry> e = new java.util.ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            e.add(new Entry(Integer.toString(i), items[i]));
        }
        return new ManagedObject(2, "list", 1, items.length, e, Optional.empty());
    }

    static ManagedObject namespace(int round) {
        return new ManagedObject(3, "Namespace", 1, 2, List.of(new Entry("phase", "'go'"),
                new Entry("round", Integer.toString(round))), Optional.empty());
    }

    static ManagedObject lock(String state) {
        return new ManagedObject(4, "Lock", 1, -1, List.of(new Entry("state", state)), Optional.empty());
    }

    static ManagerSnapshot manager(boolean alive, boolean shutDown, Instant at, ManagedObject... objects) {
        return new ManagerSnapshot(7, "SyncManager-1", 4790, alive, "unix:/tmp/mpm-1/s", shutDown, at,
                objects.length, false, List.of(objects));
    }

    void apply(Instant at, ManagerSnapshot... managers) {
        vm.apply(new PoolsUpdate(SESSION, Optional.empty(), Optional.of(List.of(managers)), false, Optional.empty(),
                at));
    }

    @Test
    void showsTheManagerAndItsObjects() {
        apply(T0, manager(true, false, T0.minusMillis(200), dict("2", T0.minusSeconds(3)), list("'x'", "'y'"),
                namespace(1), lock("locked by worker-1")));

        assertEquals("Managers of Demo \u00b7 4711", vm.titleProperty().get());
        assertEquals("Managers (1)", vm.tabTextProperty().get());
        assertEquals("1 manager, 4 objects", vm.statusProperty().get());
        ManagerCard m = vm.getCards().get(0);
        assertEquals("SyncManager-1", m.getName());
        assertEquals("ALIVE", m.getState());
        assertTrue(m.aliveProperty().get());
        assertEquals("server pid 4790 \u00b7 unix:/tmp/mpm-1/s \u00b7 4 objects \u00b7 published 0.2 s ago",
                m.getDetail());
        assertEquals("", m.noteProperty().get());

        List<ManagedObjectCard> o = m.getObjects();
        assertEquals(List.of("dict", "list", "Namespace", "Lock"), o.stream().map(ManagedObjectCard::getTypeid)
                .toList());
        ManagedObjectCard d = o.get(0);
        assertTrue(d.isContainer());
        assertEquals("#1", d.titleProperty().get());
        assertEquals("2 items \u00b7 2 refs", d.getDetail());
        assertEquals("changed by scorer (pid 4800): __setitem__ 'b', 3.0 s ago", d.getLastChange());
        assertEquals(List.of("'a'=1", "'b'=2"), d.getEntries().stream().map(EntryRow::toString).toList());
        assertEquals("2 attributes \u00b7 1 ref", o.get(2).getDetail());
        assertEquals("not changed since it was made", o.get(1).getLastChange());
        ManagedObjectCard l = o.get(3);
        assertFalse(l.isContainer());
        assertEquals("locked by worker-1", l.getStateText());
        assertTrue(l.getEntries().isEmpty());
        assertEquals("1 ref", l.getDetail());
        assertFalse(d.getEntries().get(1).isHighlighted(), "nothing is highlighted on first sight");
        assertFalse(d.highlightedProperty().get());
    }

    @Test
    void aChangedValueIsHighlightedForAWhile() {
        apply(T0, manager(true, false, T0, dict("2", T0.minusSeconds(9)), list("'x'"), namespace(1), lock("unlocked")));
        ManagedObjectCard d = vm.getCards().get(0).object(1);
        EntryRow a = d.entry("'a'");
        EntryRow b = d.entry("'b'");

        Instant t1 = T0.plusMillis(500);
        apply(t1, manager(true, false, t1, dict("5", t1), list("'x'", "'y'"), namespace(1), lock("locked by w")));
        assertSame(b, d.entry("'b'"), "the same row, updated");
        assertEquals("5", b.getValue());
        assertTrue(b.isHighlighted(), "b changed");
        assertFalse(a.isHighlighted(), "a did not");
        assertTrue(d.highlightedProperty().get(), "the object changed");
        ManagedObjectCard l = vm.getCards().get(0).object(2);
        assertTrue(l.entry("1").isHighlighted(), "a new item of a list seen before");
        assertFalse(l.entry("0").isHighlighted());
        assertFalse(vm.getCards().get(0).object(3).highlightedProperty().get());
        assertTrue(vm.getCards().get(0).object(4).highlightedProperty().get(), "a lock whose state changed");

        Instant t2 = t1.plus(ManagedObjectCard.HIGHLIGHT);
        apply(t2, manager(true, false, t2, dict("5", t1), list("'x'", "'y'"), namespace(1), lock("locked by w")));
        assertFalse(b.isHighlighted(), "the highlight has faded");
        assertFalse(d.highlightedProperty().get());
    }

    @Test
    void aShutDownServerKeepsItsLastObjectsAndSaysSo() {
        apply(T0, manager(true, false, T0, dict("2", T0)));
        ManagerCard m = vm.getCards().get(0);
        apply(T0.plusSeconds(1), manager(false, true, T0, dict("2", T0)));
        assertSame(m, vm.getCards().get(0));
        assertEquals("SHUT DOWN", m.getState());
        assertFalse(m.aliveProperty().get());
        assertTrue(m.noteProperty().get().startsWith("The server has shut down"), m.noteProperty().get());
        assertEquals(1, m.getObjects().size());

        apply(T0.plusSeconds(2), manager(false, false, T0, dict("2", T0)));
        assertEquals("DEAD", m.getState());
    }

    @Test
    void aGoneObjectLeavesAndAnotherSessionClears() {
        apply(T0, manager(true, false, T0, dict("2", T0), lock("unlocked")));
        ManagerCard m = vm.getCards().get(0);
        apply(T0.plusSeconds(1), manager(true, false, T0, lock("unlocked")));
        assertEquals(1, m.getObjects().size());
        assertNull(m.object(1));

        // a tick that read only the pools leaves the managers as they are
        vm.apply(new PoolsUpdate(SESSION, Optional.of(List.of()), Optional.empty(), false, Optional.empty(), T0));
        assertSame(m, vm.getCards().get(0));

        session.set("other-2");
        assertTrue(vm.getCards().isEmpty());
        assertEquals("Managers", vm.tabTextProperty().get());
    }
}
