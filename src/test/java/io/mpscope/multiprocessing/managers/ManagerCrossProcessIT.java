package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proxies of a started SyncManager used from this JVM and from child JVMs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerCrossProcessIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    final Context ctx = Multiprocessing.getContext();
    SyncManager m;

    @BeforeEach
    void start() {
        m = ctx.manager();
        children.track(m.getProcess());
    }

    @AfterEach
    void stop() {
        m.shutdown();
    }

    private void runChild(io.mpscope.multiprocessing.process.ProcessTarget t) throws Exception {
        Process p = children.track(ctx.process(t));
        p.start();
        assertTrue(p.join(Duration.ofSeconds(60)), "child did not end");
        assertEquals(0, p.getExitCode().getAsInt(), "child failed");
    }

    @Test
    void serverIsNamedLikeCPython() {
        assertTrue(m.getProcess().getName().matches("SyncManager-\\d+"), m.getProcess().getName());
        assertTrue(m.getProcess().isDaemon());
        assertTrue(m.getAddress() instanceof java.net.UnixDomainSocketAddress, String.valueOf(m.getAddress()));
    }

    @Test
    void dictFollowsTheMapContract() {
        DictProxy<String, Integer> d = m.dict();
        assertTrue(d.isEmpty());
        assertNull(d.put("a", 1));
        assertEquals(1, d.put("a", 2));
        d.put("b", 3);
        assertEquals(2, d.size());
        assertEquals(2, d.get("a"));
        assertNull(d.get("missing"));
        assertEquals(7, d.getOrDefault("missing", 7));
        assertTrue(d.containsKey("b"));
        assertFalse(d.containsKey("zz"));
        assertTrue(d.containsValue(3));
        assertEquals(List.of("a", "b"), new ArrayList<>(d.keySet()));
        assertEquals(Map.of("a", 2, "b", 3), d);
        assertEquals(Map.of("a", 2, "b", 3).hashCode(), d.hashCode());
        d.keySet().removeIf(k -> k.equals("a"));
        assertEquals(Map.of("b", 3), d.copy());
        for (Map.Entry<String, Integer> e : d.entrySet()) {
            e.setValue(e.getValue() * 10);
        }
        assertEquals(30, d.get("b"));
        assertNull(d.remove("zz"));
        assertEquals(30, d.remove("b"));
        d.putAll(Map.of("x", 1));
        assertEquals("{x=1}", d.toString());
        assertEquals("{'x': 1}", d.pythonRepr());
        d.clear();
        assertEquals(0, d.size());
    }

    @Test
    void listFollowsTheListContract() {
        ListProxy<Object> l = m.list(List.of(1, 2, 3));
        assertEquals(3, l.size());
        assertEquals(2, l.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(-1));
        assertEquals(2, l.set(1, "two"));
        l.add("x");
        l.add(0, "first");
        assertEquals(List.of("first", 1, "two", 3, "x"), l);
        assertEquals("x", l.pop());
        assertEquals(1, l.indexOf(1));
        assertEquals(-1, l.indexOf("none"));
        assertTrue(l.remove((Object) "two"));
        assertFalse(l.remove((Object) "none"));
        assertEquals("first", l.remove(0));
        l.addAll(List.of(7, 8));
        List<Object> seen = new ArrayList<>();
        for (Object o : l) {
            seen.add(o);
        }
        assertEquals(List.of(1, 3, 7, 8), seen);
        l.iterator();
        l.removeIf(o -> o.equals(3));
        assertEquals(List.of(1, 7, 8), l.copy());
        assertEquals(List.of(7, 8), l.subList(1, 3));
        assertEquals("[1, 7, 8]", l.toString());
        assertTrue(l.equals(List.of(1, 7, 8)));
        assertEquals(List.of(1, 7, 8).hashCode(), l.hashCode());
    }

    @Test
    void childrenShareDictAndListThroughProxies() throws Exception {
        DictProxy<Integer, Integer> d = m.dict();
        ListProxy<String> l = m.list();
        for (int i = 0; i < 3; i++) {
            int k = i;
            runChild(() -> {
                d.put(k, k * 2);
                l.add("child-" + k);
            });
        }
        assertEquals(Map.of(0, 0, 1, 2, 2, 4), d);
        assertEquals(List.of("child-0", "child-1", "child-2"), l);
    }

    @Test
    void namespaceRebindingPropagatesMutationDoesNot() throws Exception {
        NamespaceProxy ns = m.namespace();
        ns.set("lst", new ArrayList<>(List.of()));
        ns.set("lst2", new ArrayList<>(List.of()));
        ns.set("counter", 0);
        runChild(() -> {
            List<String> copy = ns.get("lst");
            copy.add("lost");                      // a copy: not propagated
            int c = ns.get("counter");
            ns.set("counter", c + 1);              // rebinding: propagated
            List<String> t = ns.get("lst2");
            t.add("via reassignment");
            ns.set("lst2", t);                     // rebinding: propagated
            ns.set("_private", 1);                 // stays on the child's proxy
        });
        assertEquals(List.of(), ns.get("lst"));
        assertEquals(1, (int) ns.get("counter"));
        assertEquals(List.of("via reassignment"), ns.get("lst2"));
        assertEquals("Namespace(counter=1, lst2=['via reassignment'], lst=[])", ns.toString());
        AttributeException e = assertThrows(AttributeException.class, () -> ns.get("value"));
        assertEquals("'Namespace' object has no attribute 'value'", e.getMessage());
        ns.delete("counter");
        assertFalse(ns.has("counter"));
    }

    @Test
    void nestedProxiesPropagate() throws Exception {
        ListProxy<Object> nested = m.list(List.of(m.dict()));
        runChild(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Integer> inner = (Map<String, Integer>) nested.get(0);
            inner.put("a", 1);
        });
        @SuppressWarnings("unchecked")
        Map<String, Integer> inner = (Map<String, Integer>) nested.get(0);
        assertEquals(1, inner.get("a"));
    }

    @Test
    void serverSideLockQueueAndEventWorkAcrossChildren() throws Exception {
        AcquirerProxy lock = m.lock();
        QueueProxy<String> q = m.queue();
        EventProxy ev = m.event();
        lock.acquire();
        Process p = children.track(ctx.process(() -> {
            q.put("waiting");
            lock.acquire();                      // blocks until the parent releases
            q.put("got lock");
            lock.release();
            ev.await();
            q.put("event seen");
        }));
        p.start();
        assertEquals("waiting", q.get(Duration.ofSeconds(30)));
        assertEquals(0, q.qsize());
        lock.release();
        assertEquals("got lock", q.get(Duration.ofSeconds(30)));
        ev.set();
        assertEquals("event seen", q.get(Duration.ofSeconds(30)));
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(0, p.getExitCode().getAsInt());
        assertThrows(io.mpscope.multiprocessing.queues.QueueEmptyException.class, q::getNowait);
        assertThrows(IllegalStateException.class, lock::release);
    }
}
