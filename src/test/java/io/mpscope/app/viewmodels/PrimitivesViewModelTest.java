package io.mpscope.app.viewmodels;

import static io.mpscope.app.support.PrimitiveFixtures.cycle;
import static io.mpscope.app.support.PrimitiveFixtures.dead;
import static io.mpscope.app.support.PrimitiveFixtures.holder;
import static io.mpscope.app.support.PrimitiveFixtures.of;
import static io.mpscope.app.support.PrimitiveFixtures.owner;
import static io.mpscope.app.support.PrimitiveFixtures.snapshot;
import static io.mpscope.app.support.PrimitiveFixtures.thread;
import static io.mpscope.app.support.PrimitiveFixtures.waits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.PrimitivesUpdate;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.app.support.PrimitiveFixtures;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Party;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import io.mpscope.multiprocessing.observe.WaitForGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Cards, wait-for graph, deadlock notices, session choice and freeze, from hand-made snapshots; no toolkit. */
class PrimitivesViewModelTest {
    private static final Instant T0 = PrimitiveFixtures.T0;
    private static final String S = "500-1";

    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<String> watched = new ArrayList<>();
    private final PrimitivesViewModel vm = new PrimitivesViewModel(dialogs,
            (id, shown) -> watched.add(id + (shown ? " shown" : " hidden")));
    private final SessionsViewModel sessions = new SessionsViewModel();

    private final Party p1 = owner(1, 501, "philosopher-1");
    private final Party p2 = owner(2, 502, "philosopher-2");
    private final Party w1 = thread(1, 501, "philosopher-1");
    private final Party w2 = thread(2, 502, "philosopher-2");

    // ---- sessions ----

    private static ProcessSnapshot proc(int slot, long pid, String name) {
        return new ProcessSnapshot(slot, pid, name, "", slot == 0 ? -1 : 0, false, slot == 0, ProcessStatus.RUNNING,
                OptionalInt.empty(), true, false, T0, Optional.of(T0), Optional.of(T0), Optional.empty());
    }

    private static SessionSnapshot session(String id, long root, String command) {
        return new SessionSnapshot(id, root, command, T0, true,
                List.of(proc(0, root, "MainProcess"), proc(1, root + 1, "philosopher-1")), T0);
    }

    private void sessions(SessionSnapshot... s) {
        sessions.apply(SystemSnapshot.of(List.of(s), T0.plusSeconds(1), Duration.ofMillis(500), Duration.ZERO,
                "/x"));
    }

    /** One session (500-1, demo.Dining), followed and shown. */
    private void oneSession() {
        sessions(session(S, 500, "demo.Dining"));
        vm.follow(sessions);
        vm.setShown(true);
    }

    private void apply(PrimitivesSnapshot s) {
        vm.apply(PrimitivesUpdate.of(s.sessionId(), Optional.of(s), T0));
    }

    private void apply(List<PrimitiveSnapshot> ps, WaitForGraph.Cycle... cycles) {
        apply(snapshot(S, ps, cycles));
    }

    /** philosopher-1 holds fork-a (id 0) and waits for fork-b (id 1), which philosopher-2 holds; and back. */
    private List<PrimitiveSnapshot> deadlocked() {
        return List.of(
                of(0, PrimitiveKind.LOCK, "fork-a").owner(p1, 12).waiters(waits(w2, "acquire", 9)).contended(1)
                        .build(),
                of(1, PrimitiveKind.LOCK, "fork-b").owner(p2, 11).waiters(waits(w1, "acquire", 10)).contended(1)
                        .build());
    }

    /** As the library may list it: from philosopher-2 (the banner still starts at philosopher-1, slot 1). */
    private WaitForGraph.Cycle forksCycle() {
        return cycle(List.of(w2, w1), List.of(0, 1), "philosopher-2 (pid 502) waits for Lock 'fork-a' held by"
                + " philosopher-1 (pid 501), which waits for Lock 'fork-b' held by philosopher-2 (pid 502)");
    }

    // ---- which session ----

    @Test
    void shouldShowTheOnlySessionAndTellTheSamplerWhetherTheViewShows() {
        sessions(session(S, 500, "demo.Dining"));
        vm.follow(sessions);

        assertEquals(S, vm.getSessionId());
        assertEquals("Primitives of Dining \u00b7 500", vm.titleProperty().get());
        assertEquals("Reading\u2026", vm.getStatus());
        vm.setShown(true);
        vm.setShown(false);
        assertEquals(List.of(S + " hidden", S + " shown", S + " hidden"), watched);
    }

    @Test
    void shouldAskForAChoiceAmongSeveralSessionsThenFollowTheScopeOrTheSelectedRow() {
        sessions(session(S, 500, "demo.Dining"), session("600-1", 600, "demo.Other"));
        vm.follow(sessions);
        assertEquals("", vm.getSessionId());
        assertTrue(vm.getPlaceholder().startsWith("Several sessions are running"), vm.getPlaceholder());

        vm.selectRow(sessions.session("600-1").process(1));
        assertEquals("600-1", vm.getSessionId());

        sessions.setScope(sessions.session(S));
        assertEquals(S, vm.getSessionId(), "the session chosen on the left wins over the selected row");

        sessions.setScope(null);
        vm.selectRow(null);
        assertEquals("", vm.getSessionId());
    }

    @Test
    void shouldDropAReadOfAnotherSessionAndClearOnSessionChange() {
        sessions(session(S, 500, "demo.Dining"), session("600-1", 600, "demo.Other"));
        vm.follow(sessions);
        vm.selectRow(sessions.session(S));
        apply(deadlocked());
        assertEquals(2, vm.getCards().size());

        vm.apply(PrimitivesUpdate.of("600-1", Optional.of(snapshot("600-1", List.of())), T0));
        assertEquals(2, vm.getCards().size(), "a late read of another session is dropped");

        vm.selectRow(sessions.session("600-1"));
        assertTrue(vm.getCards().isEmpty(), "the other session's cards go at once");
        assertFalse(vm.isDeadlock());
        assertEquals(WaitGraphModel.EMPTY, vm.graphProperty().get());
    }

    // ---- cards per kind ----

    @Test
    void lockCardShowsOwnerPidThreadHoldTimeAndWaiters() {
        oneSession();
        Party clerk1 = thread(3, 503, "clerk-1");
        Party clerk2 = thread(4, 504, "clerk-2");
        apply(List.of(of(0, PrimitiveKind.LOCK, "printer").owner(owner(5, 505, "printer"), 75)
                .waiters(waits(clerk2, "acquire", 61), waits(clerk1, "acquire", 3)).contended(2).build()));

        PrimitiveCard c = vm.card("printer");
        assertEquals("Lock", c.getKind());
        assertEquals("held by printer", c.getHeadline());
        assertEquals("pid 505 \u00b7 thread id 1 \u00b7 for 1m 15s", c.getDetail());
        assertEquals(List.of(new PrimitiveCard.Line("waits", "clerk-2 (pid 504)", "waits 1m 01s", false),
                new PrimitiveCard.Line("waits", "clerk-1 (pid 503)", "waits 3s", false)), c.getLines());
        assertEquals(PrimitiveCard.Tone.CONTENDED, c.getTone());
        assertEquals("contended 2\u00d7", c.getFooter());
        assertEquals("", c.getNote());
    }

    @Test
    void freeLockAndRLockRecursionAndTheOwnersThreadNameFromItsWaitRow() {
        oneSession();
        Party reader = PrimitiveFixtures.party(0, 500, "MainProcess", 57, "reader-2");
        apply(List.of(of(0, PrimitiveKind.LOCK, "Lock-0").build(),
                of(1, PrimitiveKind.RLOCK, "journal").owner(new Party(0, 500, "MainProcess", 57, "", true, 1), 4)
                        .recursion(2).build(),
                of(2, PrimitiveKind.EVENT, "go").waiters(waits(reader, "event", 2)).build()));

        assertEquals("free", vm.card("Lock-0").getHeadline());
        assertEquals(PrimitiveCard.Tone.GOOD, vm.card("Lock-0").getTone());
        assertEquals("pid 500 \u00b7 thread reader-2 \u00b7 for 4s \u00b7 recursion 2", vm.card("journal").getDetail());
        assertEquals("MainProcess (pid 500) reader-2", vm.card("go").getLines().get(0).who(),
                "a thread other than main is named");
    }

    @Test
    void aLockTakenOverFromADeadOwnerIsMarkedRecoveredAndADeadOwnerIsAnAlert() {
        oneSession();
        apply(List.of(
                of(0, PrimitiveKind.LOCK, "printer").owner(owner(3, 503, "clerk-1"), 2)
                        .recovered(owner(5, 505, "printer")).build(),
                of(1, PrimitiveKind.LOCK, "stale").owner(dead(owner(6, 506, "crashed")), 30).build()));

        PrimitiveCard recovered = vm.card("printer");
        assertEquals(PrimitiveCard.Tone.RECOVERED, recovered.getTone());
        assertTrue(recovered.getNote().startsWith("recovered from dead owner (pid 505)"), recovered.getNote());
        PrimitiveCard stale = vm.card("stale");
        assertEquals(PrimitiveCard.Tone.ALERT, stale.getTone());
        assertEquals("owner pid 506 has died: the next waiter takes the lock over", stale.getNote());
    }

    @Test
    void semaphoreShowsPermitsAsSlotsWithHoldersAndWaiters() {
        oneSession();
        Party waiter = thread(4, 504, "worker-3");
        apply(List.of(of(0, PrimitiveKind.BOUNDED_SEMAPHORE, "slots").value(0).maxValue(3)
                        .holders(holder(2, 502, "worker-1", 2), holder(3, 503, "worker-2", 1))
                        .waiters(waits(waiter, "acquire", 5)).contended(7).build(),
                of(1, PrimitiveKind.SEMAPHORE, "tokens").value(2).holders(holder(2, 502, "worker-1", 1)).build()));

        PrimitiveCard c = vm.card("slots");
        assertEquals("0 of 3 free", c.getHeadline());
        assertEquals(3, c.getSlots());
        assertEquals(3, c.getFilled());
        assertEquals(List.of("worker-1 (pid 502)|holds 2", "worker-2 (pid 503)|holds 1", "worker-3 (pid 504)|waits 5s"),
                c.getLines().stream().map(l -> l.who() + "|" + l.detail()).toList());
        assertEquals(PrimitiveCard.Tone.CONTENDED, c.getTone());

        PrimitiveCard unbounded = vm.card("tokens");
        assertEquals("2 of 3 free", unbounded.getHeadline(), "free permits plus those held");
        assertEquals(1, unbounded.getFilled());
        assertEquals(PrimitiveCard.Tone.GOOD, unbounded.getTone());
    }

    @Test
    void aCardShowsAtMostThreeLinesAndSaysHowManyMore() {
        oneSession();
        List<PrimitiveSnapshot.Waiter> ws = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ws.add(waits(thread(2 + i, 502 + i, "w" + i), "acquire", 10 - i));
        }
        apply(List.of(of(0, PrimitiveKind.LOCK, "busy").owner(p1, 20)
                .waiters(ws.toArray(new PrimitiveSnapshot.Waiter[0])).build()));

        List<PrimitiveCard.Line> lines = vm.card("busy").getLines();
        assertEquals(PrimitiveCard.MAX_LINES, lines.size());
        assertEquals("w1 (pid 503)", lines.get(1).who());
        assertEquals("+3 more", lines.get(2).who());
    }

    @Test
    void eventShowsItsFlagBig() {
        oneSession();
        apply(List.of(of(0, PrimitiveKind.EVENT, "go").flag(false)
                .waiters(waits(thread(2, 502, "runner"), "event", 4)).build()));
        PrimitiveCard c = vm.card("go");
        assertTrue(c.isFlag());
        assertEquals("CLEAR", c.getHeadline());
        assertEquals("1 waiting", c.getDetail());

        apply(List.of(of(0, PrimitiveKind.EVENT, "go").flag(true).contended(1).build()));
        assertSame(c, vm.card("go"));
        assertEquals("SET", c.getHeadline());
        assertEquals(PrimitiveCard.Tone.GOOD, c.getTone());
        assertEquals("set 1\u00d7", c.getFooter());
    }

    @Test
    void barrierShowsArrivalsAsFilledSlotsAndBreaksRed() {
        oneSession();
        // the barrier (id 2) made its condition (1), which made its lock (0): both are folded into its card
        List<PrimitiveSnapshot> filling = List.of(
                of(0, PrimitiveKind.RLOCK, "start.cond.lock").build(),
                of(1, PrimitiveKind.CONDITION, "start.cond").lockRef(0).value(2)
                        .waiters(waits(thread(2, 502, "runner-1"), "wait", 1)).build(),
                of(2, PrimitiveKind.BARRIER, "start").lockRef(1).maxValue(3).value(2)
                        .holders(holder(2, 502, "runner-1", 1), holder(3, 503, "runner-2", 1)).build());
        apply(filling);

        assertEquals(1, vm.getCards().size(), "the barrier's own condition and lock have no cards");
        PrimitiveCard c = vm.card("start");
        assertEquals("2 of 3 arrived", c.getHeadline());
        assertEquals(3, c.getSlots());
        assertEquals(2, c.getFilled());
        assertEquals("runner-2 (pid 503)", c.getLines().get(1).who());
        assertTrue(vm.getStatus().contains("2 internal locks"), vm.getStatus());

        apply(List.of(filling.get(0), filling.get(1), of(2, PrimitiveKind.BARRIER, "start").lockRef(1).maxValue(3)
                .flag(true).deadOwner(dead(holder(3, 503, "runner-2", 1))).build()));
        assertEquals("BROKEN", c.getHeadline());
        assertEquals(PrimitiveCard.Tone.ALERT, c.getTone());
        assertTrue(c.getNote().contains("runner-2 (pid 503) died"), c.getNote());
    }

    @Test
    void valueAndArrayShowContentsWithTheirLockAndConditionShowsWaiters() {
        oneSession();
        Party writer = owner(2, 502, "writer");
        apply(List.of(
                of(0, PrimitiveKind.RLOCK, "progress.lock").owner(writer, 1).build(),
                of(1, PrimitiveKind.VALUE, "progress").lockRef(0).data("d", 1, "3.5").build(),
                of(2, PrimitiveKind.RLOCK, "RLock-2").build(),
                of(3, PrimitiveKind.ARRAY, "Array-3").lockRef(2).data("i", 8, "[1, 2, 3, 4, 5, 6, 7, 8]").build(),
                of(4, PrimitiveKind.LOCK, "shared").build(),
                of(5, PrimitiveKind.CONDITION, "data-ready").lockRef(4).value(1)
                        .waiters(waits(thread(3, 503, "reader"), "wait", 7)).build()));

        assertEquals(List.of("progress", "Array-3", "shared", "data-ready"),
                vm.getCards().stream().map(PrimitiveCard::getName).toList(),
                "a lock made for a value is on its card; a lock passed in by the program keeps its own");
        PrimitiveCard v = vm.card("progress");
        assertTrue(v.isData());
        assertEquals("3.5", v.getHeadline());
        assertEquals("double  \u00b7  typecode 'd'", v.getDetail());
        assertEquals("lock held by writer (pid 502)", v.getLines().get(0).who());
        assertEquals("int[8]  \u00b7  typecode 'i'", vm.card("Array-3").getDetail());
        PrimitiveCard cond = vm.card("data-ready");
        assertEquals("1 waiting", cond.getHeadline());
        assertEquals("lock 'shared' free", cond.getDetail());
        assertEquals("waits 7s", cond.getLines().get(0).detail());
    }

    // ---- deadlock ----

    @Test
    void aDeadlockTurnsCardsAndGraphRedAndIsAnnouncedOnce() {
        oneSession();
        apply(deadlocked(), forksCycle());

        assertTrue(vm.isDeadlock());
        assertEquals("Primitives \u00b7 DEADLOCK", vm.getTabText());
        assertEquals("Deadlock: philosopher-1 \u2192 fork-b \u2192 philosopher-2 \u2192 fork-a \u2192 philosopher-1",
                vm.getDeadlockText());
        assertTrue(vm.getDeadlockDetail().startsWith("philosopher-2 (pid 502) waits for Lock 'fork-a'"));
        assertTrue(vm.card("fork-a").isInCycle());
        assertEquals(PrimitiveCard.Tone.ALERT, vm.card("fork-a").getTone());
        assertEquals("in a deadlock (see the graph)", vm.card("fork-a").getNote());
        assertEquals("held by philosopher-1", vm.card("fork-a").getHeadline());
        assertEquals("philosopher-2 (pid 502)", vm.card("fork-a").getLines().get(0).who());

        WaitGraphModel g = vm.graphProperty().get();
        assertEquals(List.of("p1", "p2", "l0", "l1"), g.nodes().stream().map(WaitGraphModel.GraphNode::key)
                .toList());
        assertTrue(g.nodes().stream().allMatch(WaitGraphModel.GraphNode::inCycle));
        assertEquals(4, g.edges().size());
        assertTrue(g.edges().stream().allMatch(WaitGraphModel.GraphEdge::inCycle));
        assertTrue(g.edges().contains(new WaitGraphModel.GraphEdge("p1", "l1", true, true)), "p1 waits for l1");
        assertTrue(g.edges().contains(new WaitGraphModel.GraphEdge("l0", "p1", false, true)), "l0 held by p1");

        apply(deadlocked(), forksCycle());
        assertEquals(1, dialogs.of("warn").size(), "announced once while it lasts");
        assertEquals("Deadlock in Dining \u00b7 500", dialogs.of("warn").get(0).title());
        assertTrue(dialogs.of("warn").get(0).message().contains("'fork-b'"));

        apply(List.of(of(0, PrimitiveKind.LOCK, "fork-a").build(), of(1, PrimitiveKind.LOCK, "fork-b").build()));
        assertFalse(vm.isDeadlock());
        assertEquals("Primitives (2)", vm.getTabText());
        assertFalse(vm.card("fork-a").isInCycle());
        apply(deadlocked(), forksCycle());
        assertEquals(2, dialogs.of("warn").size(), "announced again when it comes back");
    }

    @Test
    void theGraphIsReplacedOnlyWhenHoldsOrWaitsChange() {
        oneSession();
        List<WaitGraphModel> seen = new ArrayList<>();
        vm.graphProperty().addListener((o, was, is) -> seen.add(is));
        apply(deadlocked(), forksCycle());
        List<PrimitiveSnapshot> later = List.of(
                of(0, PrimitiveKind.LOCK, "fork-a").owner(p1, 13).waiters(waits(w2, "acquire", 10)).build(),
                of(1, PrimitiveKind.LOCK, "fork-b").owner(p2, 12).waiters(waits(w1, "acquire", 11)).build());
        apply(later, forksCycle());
        assertEquals(1, seen.size(), "a second later the same holds and waits: no redraw");
    }

    // ---- live updates ----

    @Test
    void cardsAreUpdatedInPlaceWithoutListChanges() {
        oneSession();
        apply(deadlocked(), forksCycle());
        PrimitiveCard a = vm.card("fork-a");
        int[] changes = {0};
        vm.getCards().addListener((ListChangeListener<PrimitiveCard>) c -> changes[0]++);
        List<String> headlines = new ArrayList<>();
        a.detailProperty().addListener((o, was, is) -> headlines.add(is));

        apply(List.of(
                of(0, PrimitiveKind.LOCK, "fork-a").owner(p1, 13).waiters(waits(w2, "acquire", 10)).build(),
                of(1, PrimitiveKind.LOCK, "fork-b").owner(p2, 12).waiters(waits(w1, "acquire", 11)).build()),
                forksCycle());

        assertSame(a, vm.card("fork-a"));
        assertEquals(0, changes[0], "no card added, removed or moved");
        assertEquals(List.of("pid 501 \u00b7 thread main \u00b7 for 13s"), headlines);
    }

    @Test
    void freezingHoldsTheCardsButStillAnnouncesADeadlock() {
        oneSession();
        apply(List.of(of(0, PrimitiveKind.EVENT, "go").build()));
        sessions.setFrozen(true);

        apply(List.of(of(0, PrimitiveKind.EVENT, "go").flag(true).build(),
                of(1, PrimitiveKind.LOCK, "fork-a").build()));
        apply(snapshot(S, deadlocked(), forksCycle()));
        assertEquals("CLEAR", vm.card("go").getHeadline(), "frozen: the card holds still");
        assertEquals(1, vm.getCards().size());
        assertFalse(vm.isDeadlock(), "the frozen view shows what it showed");
        assertEquals(1, dialogs.of("warn").size(), "a new deadlock is announced even while frozen");

        sessions.setFrozen(false);
        assertNull(vm.card("go"), "resumed: the newest read is shown");
        assertTrue(vm.isDeadlock());
    }

    @Test
    void aFailedReadSaysSoAndAnEndedSessionClears() {
        oneSession();
        apply(deadlocked());
        vm.apply(PrimitivesUpdate.failed(S, "segment unreadable", T0));
        assertEquals("Primitives unavailable: segment unreadable", vm.getStatus());
        assertEquals(2, vm.getCards().size(), "the last cards stay");

        vm.apply(PrimitivesUpdate.of(S, Optional.empty(), T0));
        assertTrue(vm.getCards().isEmpty());
        assertEquals("The session has ended", vm.getStatus());
    }

    @Test
    void companionsAreLocksMadeForTheirOwnerOnly() {
        PrimitivesSnapshot s = snapshot(S, List.of(
                of(0, PrimitiveKind.RLOCK, "RLock-0").build(),
                of(1, PrimitiveKind.VALUE, "Value-1").lockRef(0).build(),
                of(2, PrimitiveKind.RLOCK, "shared").build(),
                of(3, PrimitiveKind.VALUE, "a").lockRef(2).build(),
                of(4, PrimitiveKind.VALUE, "b").lockRef(2).build(),
                of(5, PrimitiveKind.RLOCK, "RLock-5").creator(1).build(),
                of(6, PrimitiveKind.VALUE, "Value-6").lockRef(5).creator(2).build()));
        assertEquals(java.util.Set.of(1), PrimitivesViewModel.companions(s).keySet(),
                "shared by two, or made by another process: not a companion");
    }
}
