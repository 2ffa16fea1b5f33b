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

    @Test
    void serverSideConditionWakesAWaiterInAChild() throws Exception {
        ConditionProxy cond = m.condition();
        QueueProxy<String> q = m.queue();
        Process p = children.track(ctx.process(() -> {
            cond.acquire();
            q.put("waiting");                       // put while holding: the parent can take the lock only in await
            boolean woken = cond.await(Duration.ofSeconds(30));
            q.put(woken ? "woken" : "timed out");
            cond.release();
        }));
        p.start();
        assertEquals("waiting", q.get(Duration.ofSeconds(30)));
        assertThrows(IllegalStateException.class, cond::signal, "signal without the lock");
        cond.acquire();                             // free once the child waits
        cond.signal();
        cond.release();
        assertEquals("woken", q.get(Duration.ofSeconds(30)));
        assertTrue(p.join(Duration.ofSeconds(30)));
        assertEquals(0, p.getExitCode().getAsInt());
    }

    @Test
    void aKilledServerGivesAClearErrorNotAHang() throws Exception {
        DictProxy<Integer, Integer> d = m.dict();
        d.put(1, 1);
        Process server = m.getProcess();
        server.kill();
        assertTrue(server.join(Duration.ofSeconds(30)));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> d.get(1));
        assertTrue(e.getMessage().contains("manager"), e.getMessage());
        // a new connection cannot be made either, and says so
        assertThrows(java.io.UncheckedIOException.class, () -> d.get(1));
    }

    /** The names of this session's shared-memory channels of the server {@code serverName} opened for {@code pid}. */
    private static List<String> channelsOf(String serverName, long pid) {
        String session = io.mpscope.multiprocessing.synchronize.SharedRuntime.get().sessionId();
        try (io.mpscope.multiprocessing.observe.Observer o = new io.mpscope.multiprocessing.observe.Observer(
                io.mpscope.multiprocessing.shm.RuntimeDirectory.path())) {
            return o.queues(session, 0).orElseThrow().stream().map(q -> q.name())
                    .filter(n -> n.startsWith(serverName + " channel pid=" + pid + " ")).toList();
        }
    }

    @Test
    void threadsSharingOneProxyGetTheirOwnRepliesOnTheirOwnChannels() throws Exception {
        DictProxy<String, Integer> d = m.dict();
        int threads = 4;
        int ops = 2_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < ops; i++) {
                        String key = me + ":" + i;
                        d.put(key, me * ops + i);
                        Integer back = d.get(key);
                        if (back == null || back != me * ops + i) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) {
                assertEquals(0, f.get(60, TimeUnit.SECONDS), "replies of another thread's requests");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * ops, d.size());
        // by default each thread of this session talks on a shared-memory channel of its own (two pipe directions)
        assertEquals(2 * threads + 2, channelsOf(m.getProcess().getName(), ProcessHandle.current().pid()).size(),
                "the test thread's channel and one per pool thread");
    }

    @Test
    void aClientKilledInTheMiddleOfCallsLeavesTheServerServing() throws Exception {
        DictProxy<Integer, Integer> d = m.dict();
        java.nio.file.Path started = java.nio.file.Files.createTempFile("mgr-killed-client", ".started");
        java.nio.file.Files.delete(started);
        String flag = started.toString();
        Process p = children.track(ctx.process(() -> {
            for (int i = 0; ; i++) {
                d.put(i % 100, i);
                if (i == 1000) {
                    java.nio.file.Files.createFile(java.nio.file.Path.of(flag));
                }
            }
        }));
        p.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!java.nio.file.Files.exists(started)) {
                assertTrue(System.nanoTime() < deadline, "the client never got going");
                Thread.sleep(10);
            }
            p.kill();
            assertTrue(p.join(Duration.ofSeconds(30)));
        } finally {
            java.nio.file.Files.deleteIfExists(started);
        }
        // the server's thread of that client sees the end of its channel and lets go of it
        String session = io.mpscope.multiprocessing.synchronize.SharedRuntime.get().sessionId();
        String toServer = m.getProcess().getName() + " channel pid=" + p.getPid().getAsLong() + " (to conn1)";
        int serverReading = -1;
        try (io.mpscope.multiprocessing.observe.Observer o = new io.mpscope.multiprocessing.observe.Observer(
                io.mpscope.multiprocessing.shm.RuntimeDirectory.path())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                serverReading = o.queues(session, 0).orElseThrow().stream().filter(q -> q.name().equals(toServer))
                        .findFirst().map(io.mpscope.multiprocessing.observe.QueueSnapshot::readers).orElse(-1);
                if (serverReading == 0) {
                    break;
                }
                Thread.sleep(20);
            }
        }
        assertEquals(0, serverReading, "the server still reads the killed client's channel: " + toServer);
        assertEquals(100, d.size());
        d.put(-1, -1);
        assertEquals(-1, d.get(-1));
        runChild(() -> d.put(-2, -2)); // a new client of the same server
        assertEquals(-2, d.get(-2));
        assertTrue(m.getProcess().isAlive());
    }

    @Test
    void aServerExceptionComesBackAsTheSameTypeWithTheServerTraceAsCause() {
        DictProxy<String, Integer> d = m.dict();
        java.util.NoSuchElementException e = assertThrows(java.util.NoSuchElementException.class,
                () -> d.callMethod("__getitem__", "missing"));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        java.io.StringWriter trace = new java.io.StringWriter();
        e.getCause().printStackTrace(new java.io.PrintWriter(trace));
        assertTrue(trace.toString().contains("Referents$Dict.call"), trace.toString());
        assertThrows(AttributeException.class, () -> d.callMethod("nonexistent"));
    }

    @Test
    void theObserverSeesContentsAndWhoChangedThemLast() throws Exception {
        DictProxy<String, Object> d = m.dict();
        NamespaceProxy ns = m.namespace();
        ListProxy<Integer> l = m.list(List.of(1, 2, 3));
        ns.set("b", 2);
        ns.set("a", "x");
        runChild(() -> {
            d.put("k", List.of(1, 2));
            d.put("j", "v");
        });
        String session = io.mpscope.multiprocessing.synchronize.SharedRuntime.get().sessionId();
        String serverName = m.getProcess().getName();
        long deadline = System.nanoTime() + 20_000_000_000L;
        io.mpscope.multiprocessing.observe.ManagerSnapshot snap = null;
        try (io.mpscope.multiprocessing.observe.Observer o = new io.mpscope.multiprocessing.observe.Observer(
                io.mpscope.multiprocessing.shm.RuntimeDirectory.path())) {
            while (System.nanoTime() < deadline) {
                snap = o.managers(session).orElseThrow().stream().filter(x -> x.name().equals(serverName))
                        .findFirst().orElse(null);
                if (snap != null && snap.objects().stream().anyMatch(x -> x.typeid().equals("dict") && x.size() == 2)) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        assertTrue(snap != null, "manager listed");
        assertTrue(snap.serverAlive());
        assertEquals(m.getProcess().getPid().getAsLong(), snap.serverPid());
        var dict = snap.objects().stream().filter(x -> x.typeid().equals("dict")).findFirst().orElseThrow();
        assertEquals(List.of(new io.mpscope.multiprocessing.observe.ManagerSnapshot.Entry("k", "[1, 2]"),
                new io.mpscope.multiprocessing.observe.ManagerSnapshot.Entry("j", "v")), dict.entries());
        var change = dict.lastChange().orElseThrow();
        assertTrue(change.process().startsWith("Process-"), change.process());
        assertTrue(change.operation().startsWith("put"), change.operation());
        var nsObj = snap.objects().stream().filter(x -> x.typeid().equals("Namespace")).findFirst().orElseThrow();
        assertEquals(List.of(new io.mpscope.multiprocessing.observe.ManagerSnapshot.Entry("a", "'x'"),
                new io.mpscope.multiprocessing.observe.ManagerSnapshot.Entry("b", "2")), nsObj.entries());
        assertEquals(io.mpscope.multiprocessing.process.ProcessRuntime.pid(), nsObj.lastChange().orElseThrow().pid());
        var list = snap.objects().stream().filter(x -> x.typeid().equals("list")).findFirst().orElseThrow();
        assertEquals(3, list.size());
        assertEquals("3", list.entries().get(2).value());
        // the primitives view does not list the manager's block
        try (io.mpscope.multiprocessing.observe.Observer o = new io.mpscope.multiprocessing.observe.Observer(
                io.mpscope.multiprocessing.shm.RuntimeDirectory.path())) {
            assertTrue(o.primitives(session).orElseThrow().primitives().stream()
                    .noneMatch(p -> p.name().equals(serverName)));
        }
        assertEquals(List.of(1, 2, 3), l);
    }

    @Test
    void anObjectIsFreedWhenNoProxyHoldsIt() throws Exception {
        DictProxy<String, Integer> keep = m.dict();
        keep.put("x", 1);
        makeGarbage();
        String session = io.mpscope.multiprocessing.synchronize.SharedRuntime.get().sessionId();
        String serverName = m.getProcess().getName();
        long deadline = System.nanoTime() + 30_000_000_000L;
        int count = -1;
        try (io.mpscope.multiprocessing.observe.Observer o = new io.mpscope.multiprocessing.observe.Observer(
                io.mpscope.multiprocessing.shm.RuntimeDirectory.path())) {
            while (System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(100);
                count = o.managers(session).orElseThrow().stream().filter(x -> x.name().equals(serverName))
                        .findFirst().map(io.mpscope.multiprocessing.observe.ManagerSnapshot::objectCount).orElse(-1);
                if (count == 1) {
                    break;
                }
            }
        }
        assertEquals(1, count, "only the dict still held remains");
        assertEquals(1, keep.get("x"));
    }

    private void makeGarbage() throws Exception {
        ListProxy<Integer> l = m.list();
        NamespaceProxy ns = m.namespace();
        l.add(1);
        ns.set("a", 1);
        // the child's copy of the proxy holds a reference too, released when the child exits. Not tracked by
        // `children`: a tracked Process keeps its target (and this proxy) reachable until the test ends.
        Process p = ctx.process(() -> l.add(2));
        p.start();
        try {
            assertTrue(p.join(Duration.ofSeconds(60)));
        } finally {
            if (p.isAlive()) {
                p.kill();
            }
        }
        assertEquals(0, p.getExitCode().getAsInt());
        assertEquals(2, l.size());
    }

    @Test
    void shutdownLeavesNoProcessAndNoSocket() throws Exception {
        m.shutdown();
        // a graceful exit: on this shared 2-CPU machine a JVM's exit can take longer than CPython's 1 s default,
        // after which shutdown() terminates the server (exit code -15 or -9); that path is not what is tested here
        m = new SyncManager(ManagerOptions.defaults().withShutdownTimeout(Duration.ofSeconds(30)), ctx);
        m.start();
        children.track(m.getProcess());
        DictProxy<Integer, Integer> d = m.dict();
        d.put(1, 1);
        long pid = m.getProcess().getPid().getAsLong();
        java.nio.file.Path socket = ((java.net.UnixDomainSocketAddress) m.getAddress()).getPath();
        assertTrue(java.nio.file.Files.exists(socket));
        long t0 = System.nanoTime();
        m.shutdown();
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server process still alive");
        assertFalse(java.nio.file.Files.exists(socket), "socket left: " + socket);
        assertFalse(java.nio.file.Files.exists(socket.getParent()), "socket folder left: " + socket.getParent());
        assertEquals(0, m.getProcess().getExitCode().getAsInt());
    }

    @Test
    void anExplicitSharedMemoryChannelCarriesCallsAndSeesAKilledServer() throws Exception {
        SyncManager shm = new SyncManager(ManagerOptions.defaults().withSharedMemory(true), ctx);
        shm.start();
        children.track(shm.getProcess());
        try {
            DictProxy<Integer, String> d = shm.dict();
            ListProxy<Integer> l = shm.list();
            runChild(() -> {
                for (int i = 0; i < 100; i++) {
                    d.put(i, "v" + i);
                    l.add(i);
                }
            });
            assertEquals(100, d.size());
            assertEquals("v42", d.get(42));
            assertEquals(4950, l.copy().stream().mapToInt(Integer::intValue).sum());
            shm.getProcess().kill();
            assertTrue(shm.getProcess().join(Duration.ofSeconds(30)));
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> d.get(1));
            assertTrue(e.getMessage().contains("manager"), e.getMessage());
        } finally {
            shm.shutdown();
        }
    }
}
