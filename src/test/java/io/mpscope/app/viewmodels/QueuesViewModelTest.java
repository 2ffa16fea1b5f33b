package io.mpscope.app.viewmodels;

import static io.mpscope.app.support.PrimitiveFixtures.of;
import static io.mpscope.app.support.PrimitiveFixtures.snapshot;
import static io.mpscope.app.support.PrimitiveFixtures.thread;
import static io.mpscope.app.support.PrimitiveFixtures.waits;
import static io.mpscope.app.support.QueueFixtures.entry;
import static io.mpscope.app.support.QueueFixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.PrimitivesUpdate;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.app.support.PrimitiveFixtures;
import io.mpscope.app.viewmodels.PrimitiveCard.Tone;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * Queue and pipe cards (depth, history, rates, waiters, unfinished tasks, ends), the items of the selected queue,
 * and how they follow the Primitives view's session and freeze, from hand-made snapshots; no toolkit.
 */
class QueuesViewModelTest {
    private static final Instant T0 = PrimitiveFixtures.T0;
    private static final String S = "500-1";

    private final PrimitivesViewModel vm = new PrimitivesViewModel(new FakeDialogs(), (id, shown) -> { });
    private final QueuesViewModel queues = vm.queues();
    private final SessionsViewModel sessions = new SessionsViewModel();
    private Instant now = T0;

    private static ProcessSnapshot proc(int slot, long pid, String name) {
        return new ProcessSnapshot(slot, pid, name, "", slot == 0 ? -1 : 0, false, slot == 0, ProcessStatus.RUNNING,
                OptionalInt.empty(), true, false, T0, Optional.of(T0), Optional.of(T0), Optional.empty());
    }

    private void session(String id) {
        sessions.apply(SystemSnapshot.of(List.of(new SessionSnapshot(id, 500, "demo.Queues", T0, true,
                List.of(proc(0, 500, "MainProcess")), T0)), T0, Duration.ofMillis(500), Duration.ZERO, "/x"));
    }

    QueuesViewModelTest() {
        session(S);
        vm.follow(sessions);
        vm.setShown(true);
    }

    /** One read of the session at {@code now}, then {@code now} moves on by 500 ms (the sampler's period). */
    private void read(List<PrimitiveSnapshot> primitives, QueueSnapshot... qs) {
        List<PrimitiveSnapshot> all = new ArrayList<>(primitives);
        for (QueueSnapshot q : qs) {
            all.add(entry(q));
        }
        all.sort((a, b) -> Integer.compare(a.id(), b.id()));
        vm.apply(PrimitivesUpdate.of(S, Optional.of(snapshot(S, all)), now).withQueues(List.of(qs)));
        now = now.plusMillis(500);
    }

    private void read(QueueSnapshot... qs) {
        read(List.of(), qs);
    }

    private static List<String> whoWaits(QueueCard c) {
        return c.getLines().stream().map(l -> l.who() + " | " + l.detail()).collect(Collectors.toList());
    }

    // ---- cards ----

    @Test
    void shouldGiveQueuesAndPipeDirectionsCardsOfTheirOwnAndCountThemApartFromThePrimitives() {
        read(List.of(of(9, PrimitiveKind.LOCK, "printer").build()),
                queue(0, PrimitiveKind.QUEUE, "tasks").maxsize(8).build(),
                queue(1, PrimitiveKind.JOINABLE_QUEUE, "jobs").build(),
                queue(2, PrimitiveKind.PIPE, "ping (to conn1)").build(),
                queue(3, PrimitiveKind.PIPE, "ping (to conn2)").build());

        assertEquals(List.of("printer"), vm.getCards().stream().map(PrimitiveCard::getName)
                .collect(Collectors.toList()), "a queue is not among the primitive cards");
        assertEquals(List.of("tasks", "jobs", "ping (to conn1)", "ping (to conn2)"), queues.getCards().stream()
                .map(QueueCard::getFullName).collect(Collectors.toList()), "in the order the session made them");
        assertEquals("2 queues \u00b7 2 pipe directions \u00b7 1 primitive", vm.getStatus());
        assertEquals("Primitives (5)", vm.getTabText());
        assertSame(queues.getCards().get(0), queues.getSelected(), "the first queue's items are listed at first");
        QueueCard toConn1 = queues.card("ping (to conn1)");
        assertEquals("ping", toConn1.getName());
        assertEquals("to conn1", toConn1.getDirection());
        assertEquals("Pipe", toConn1.getKind());
    }

    @Test
    void shouldSayWhatASessionWithOnlyQueuesHasAndNoPlaceholder() {
        read(queue(0, PrimitiveKind.SIMPLE_QUEUE, "SimpleQueue-0").build());
        assertEquals("1 queue", vm.getStatus());
        assertEquals("", vm.getPlaceholder(), "the queue cards show: no 'nothing made yet' over them");
        assertEquals("Primitives (1)", vm.getTabText());
    }

    @Test
    void shouldShowABoundedQueueFullWithProducersWaitingForRoomAndConsumersTakingTheirTurn() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").maxsize(8).counters(20, 12)
                .waiters(waits(thread(1, 501, "producer-1"), "put", 3),
                        waits(thread(2, 502, "producer-2"), "acquire", 2),
                        waits(thread(3, 503, "auditor"), "join", 1))
                .build());
        QueueCard c = queues.card("tasks");

        assertEquals("8 of 8 items \u00b7 full", c.getHeadline());
        assertEquals("maxsize 8 \u00b7 320 B of 1 MiB", c.getDetail());
        assertEquals(Tone.CONTENDED, c.getTone());
        assertTrue(c.fullProperty().get());
        assertEquals(8.0, c.boundProperty().get(), "the chart is scaled to maxsize");
        assertEquals("full: 1 producer waits for room", c.getNote());
        assertEquals(List.of("producer-1 (pid 501) | waits for room 3s", "+2 more waiting | "), whoWaits(c),
                "longest first, at most " + QueueCard.MAX_LINES + " lines");
        assertEquals("put 20 \u00b7 got 12", c.getFooter());
    }

    @Test
    void shouldNameWhatEachWaiterWaitsFor() {
        read(queue(0, PrimitiveKind.QUEUE, "work").counters(0, 0)
                .waiters(waits(thread(1, 501, "consumer-1"), "get", 4), waits(thread(2, 502, "consumer-2"),
                        "acquire", 2))
                .build());
        QueueCard c = queues.card("work");
        assertEquals("empty", c.getHeadline());
        assertEquals(Tone.NEUTRAL, c.getTone(), "consumers waiting on an empty queue: nothing wrong");
        assertEquals(List.of("consumer-1 (pid 501) | waits to get 4s", "consumer-2 (pid 502) | waits its turn 2s"),
                whoWaits(c));
        assertEquals("unbounded \u00b7 0 B of 1 MiB", c.getDetail());
        assertEquals(0.0, c.boundProperty().get());
    }

    @Test
    void shouldTakeRatesFromSuccessiveCountersAndSayHowLongAgoASideLastMoved() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(100, 90).build());
        QueueCard c = queues.card("tasks");
        assertEquals("put \u2026", c.getInFlow(), "one read: no rate yet");
        assertFalse(c.inMovingProperty().get());

        for (int i = 1; i <= 6; i++) { // 2 puts and 1 get per 500 ms: 4/s in, 2/s out
            read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(100 + 2 * i, 90 + i).build());
        }
        assertEquals("put 4.0/s", c.getInFlow());
        assertEquals("got 2.0/s", c.getOutFlow());
        assertTrue(c.inMovingProperty().get());
        assertTrue(c.outMovingProperty().get());

        for (int i = 1; i <= 8; i++) { // puts go on; gets stop
            read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(112 + 10 * i, 96).build());
        }
        assertEquals("put 20/s", c.getInFlow());
        assertEquals("got idle 4s", c.getOutFlow(), "the last get was seen 8 reads (4 s) ago");
        assertFalse(c.outMovingProperty().get());
    }

    @Test
    void shouldNotClaimARateAcrossAGapInTheReads() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(10, 0).build());
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 0).build());
        QueueCard c = queues.card("tasks");
        assertEquals("put 4.0/s", c.getInFlow());
        now = now.plusSeconds(20); // the tab was hidden: queues were not read
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 0).build());
        assertEquals("put \u2026", c.getInFlow(), "not 0/s: nothing is known about the last 20 s");
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 0).build());
        assertEquals("put idle 21s", c.getInFlow());
    }

    @Test
    void shouldFormatRatesCalmly() {
        assertEquals("0.5/s", QueueCard.perSecond(0.5));
        assertEquals("9.9/s", QueueCard.perSecond(9.94));
        assertEquals("12/s", QueueCard.perSecond(12.4));
        assertEquals("1.5k/s", QueueCard.perSecond(1500));
        assertEquals("64 KiB", QueueCard.bytes(65536));
        assertEquals("1.5 KiB", QueueCard.bytes(1536));
        assertEquals("512 B", QueueCard.bytes(512));
        assertEquals("3.2 MiB", QueueCard.bytes(3_355_443));
    }

    @Test
    void shouldKeepTheLastSixtyDepthsForTheChartAndStartAfreshWhenTheCountersGoBack() {
        for (int i = 0; i < 70; i++) {
            read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(i, 0).build());
        }
        QueueCard c = queues.card("tasks");
        Series h = c.getHistory();
        assertEquals(QueueCard.HISTORY, h.size());
        assertEquals(10.0, h.get(0));
        assertEquals(69.0, h.last());

        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(3, 1).build()); // another queue got the id
        assertEquals(1, c.getHistory().size());
        assertEquals("put \u2026", c.getInFlow());
    }

    @Test
    void shouldRecordWhileFrozenAndShowEverythingOnResume() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(1, 0).build());
        QueueCard c = queues.card("tasks");
        sessions.setFrozen(true);
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(5, 0).build());
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(9, 0).build());
        assertEquals("1 item", c.getHeadline(), "frozen: the card holds still");
        assertEquals(1, c.getHistory().size());

        sessions.setFrozen(false);
        assertEquals("9 items", c.getHeadline());
        assertEquals(List.of(1.0, 5.0, 9.0), toList(c.getHistory()), "no gap in the history");
    }

    @Test
    void shouldListTheItemsNextOutFirstAndMarkThoseArrivedSinceThePreviousRead() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(10, 4).peekTasks(6).build());
        QueueCard c = queues.card("tasks");
        assertEquals(List.of("1 'task 5' old", "2 'task 6' old", "3 'task 7' old", "4 'task 8' old",
                "5 'task 9' old", "6 'task 10' old"), items(c), "nothing is new in the first read");
        assertEquals("6 items \u00b7 next out at the top", c.contentsDetailProperty().get());

        List<String> changes = new ArrayList<>();
        c.getItems().addListener((ListChangeListener<QueueCard.Item>) ch -> changes.add("changed"));
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 6).peekTasks(6).build());
        assertEquals(List.of("1 'task 7' old", "2 'task 8' old", "3 'task 9' old", "4 'task 10' old",
                "5 'task 11' new", "6 'task 12' new"), items(c), "two taken at the head, two put at the tail");
        assertEquals(1, changes.size(), "one change per read");

        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 6).peekTasks(6).build());
        assertTrue(items(c).stream().allMatch(s -> s.endsWith("old")), "nothing moved: nothing is new");
        assertEquals(2, changes.size());
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(12, 6).peekTasks(6).build());
        assertEquals(2, changes.size(), "the same items again: the list is left alone");
    }

    @Test
    void shouldSayHowManyItemsAreBeyondThoseRead() {
        read(queue(0, PrimitiveKind.QUEUE, "backlog").counters(100, 0).peekTasks(20).build());
        QueueCard c = queues.card("backlog");
        assertEquals(20, c.getItems().size());
        assertEquals("+ 80 more items after these", c.getMore());
        read(queue(0, PrimitiveKind.QUEUE, "backlog").counters(100, 100).build());
        assertEquals("", c.getMore());
        assertEquals("empty", c.contentsDetailProperty().get());
        assertTrue(c.getItems().isEmpty());
    }

    @Test
    void shouldShowAJoinableQueuesUnfinishedTasksAndWhoJoins() {
        read(queue(0, PrimitiveKind.JOINABLE_QUEUE, "jobs").counters(12, 9).unfinished(5)
                .waiters(waits(thread(1, 501, "dispatcher"), "join", 2)).build());
        QueueCard c = queues.card("jobs");
        assertEquals("3 items", c.getHeadline());
        assertEquals("5 unfinished \u00b7 unbounded \u00b7 120 B of 1 MiB", c.getDetail());
        assertEquals(List.of("dispatcher (pid 501) | joins 2s"), whoWaits(c));
        assertEquals("put 12 \u00b7 got 9 \u00b7 done 7", c.getFooter());
        assertEquals(Tone.BUSY, c.getTone());
    }

    @Test
    void shouldShowAPipeDirectionsEndsAndEof() {
        read(queue(0, PrimitiveKind.PIPE, "ping (to conn2)").counters(40, 37).ends(1, 1).build(),
                queue(1, PrimitiveKind.PIPE, "Pipe-1").counters(5, 5).ends(0, 1).build(),
                queue(2, PrimitiveKind.PIPE, "log (to conn1)").counters(9, 6).ends(1, 0).build(),
                queue(3, PrimitiveKind.PIPE, "tail").counters(9, 6).ends(0, 1).build());
        QueueCard live = queues.card("ping (to conn2)");
        assertEquals("3 messages waiting", live.getHeadline());
        assertEquals("to conn2 \u00b7 1 writer \u00b7 1 reader", live.getDetail());
        assertEquals("sent 40 \u00b7 received 37", live.getFooter());
        assertEquals("sent \u2026", live.getInFlow());

        QueueCard eof = queues.card("Pipe-1");
        assertEquals("EOF: nothing left to receive", eof.getHeadline(), "no writer and empty: EOF");
        assertEquals("one way \u00b7 no writer \u00b7 1 reader", eof.getDetail());
        assertEquals(Tone.NEUTRAL, eof.getTone());

        QueueCard unread = queues.card("log (to conn1)");
        assertEquals(Tone.ALERT, unread.getTone());
        assertEquals("no process holds the receiving end: 3 messages will not be read", unread.getNote());

        QueueCard draining = queues.card("tail");
        assertEquals("sending end closed: EOF once these are received", draining.getNote());
    }

    // ---- selection and session ----

    @Test
    void shouldKeepTheSelectedQueueAndFallBackToTheFirstWhenItGoes() {
        QueueSnapshot a = queue(0, PrimitiveKind.QUEUE, "a").build();
        QueueSnapshot b = queue(1, PrimitiveKind.QUEUE, "b").build();
        read(a, b);
        QueueCard cardB = queues.card("b");
        queues.select(cardB);
        read(a, b);
        assertSame(cardB, queues.getSelected(), "a read keeps the choice");
        assertSame(cardB, queues.card("b"), "cards are updated in place");

        read(a);
        assertSame(queues.card("a"), queues.getSelected(), "the selected queue went: the first is listed");
        queues.select(cardB);
        assertSame(queues.card("a"), queues.getSelected(), "a card no longer shown cannot be selected");
    }

    @Test
    void aReadWithoutQueuesLeavesTheCardsAndAnotherSessionClearsThem() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(3, 0).build());
        QueueCard c = queues.card("tasks");
        // hidden: the sampler reads primitives only
        vm.apply(PrimitivesUpdate.of(S, Optional.of(snapshot(S, List.of(entry(
                queue(0, PrimitiveKind.QUEUE, "tasks").counters(3, 0).build())))), now));
        assertSame(c, queues.card("tasks"));
        assertEquals(1, c.getHistory().size(), "nothing recorded without a read of the queues");

        vm.apply(PrimitivesUpdate.of(S, Optional.empty(), now));
        assertTrue(queues.getCards().isEmpty(), "the session ended");
        assertNull(queues.getSelected());

        read(queue(0, PrimitiveKind.QUEUE, "tasks").build());
        session("600-1");
        assertEquals("600-1", vm.getSessionId());
        assertTrue(queues.getCards().isEmpty(), "another session: its own queues, once read");
    }

    @Test
    void aFailedReadKeepsTheQueueCards() {
        read(queue(0, PrimitiveKind.QUEUE, "tasks").counters(3, 0).build());
        vm.apply(PrimitivesUpdate.failed(S, "segment unreadable", now));
        assertEquals(1, queues.getCards().size());
        assertEquals("Primitives unavailable: segment unreadable", vm.getStatus());
    }

    // ---- helpers ----

    private static List<String> items(QueueCard c) {
        return c.getItems().stream().map(i -> i.position() + " " + i.text() + (i.fresh() ? " new" : " old"))
                .collect(Collectors.toList());
    }

    private static List<Double> toList(Series s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.get(i));
        }
        return out;
    }
}
