package io.mpscope.multiprocessing.managers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warms a standby JVM for managers: loads the HMAC and random-number providers (a cold JVM takes 100-300 ms for the
 * first HMAC) and the Unix-domain socket classes (10 ms for a cold JVM's first socket), and runs the request encoding,
 * server dispatch and reply decoding of dict, list and Namespace calls a few thousand times on a server that is not
 * listening, so a manager's server process, or a child using proxies, starts compiled. Nothing is listed in any
 * session, and no file is made.
 */
public final class ManagerWarmup {
    private static final int ROUNDS = Integer.getInteger("mpscope.warmup.managerRounds", 3_000);
    private static volatile boolean stopped;

    private ManagerWarmup() {
    }

    /** Ends a warm-up in progress at its next round. */
    public static void stop() {
        stopped = true;
    }

    private static volatile boolean hmacWarm;

    /** Loads the HMAC provider only (a manager's creator does this while its server process starts). */
    static void warmHmac() {
        Wire.response(new byte[32], new byte[48]);
        hmacWarm = true;
    }

    /** True once this JVM has computed an HMAC (its provider is loaded). */
    static boolean isHmacWarm() {
        return hmacWarm;
    }

    /** Runs the warm-up; failures are ignored (an optimisation only). */
    public static void run() {
        if (ROUNDS <= 0) {
            return;
        }
        String address = "unix:/nonexistent/mpscope-warmup-" + ProcessHandle.current().pid();
        Server s = null;
        try {
            warmHmac();
            warmUnixSockets();
            Map<String, Registration> reg = new LinkedHashMap<>();
            for (String typeid : SyncManager.BUILT_IN) {
                reg.put(typeid, new Registration(typeid, null, null, null, null));
            }
            byte[] key = new byte[32];
            s = new Server("warm-up", address, key, reg, ManagerOptions.DEFAULT_MAX_FRAME, true, false);
            Server.Peer peer = new Server.Peer();
            BaseProxy dict = create(s, peer, key, address, "dict");
            BaseProxy list = create(s, peer, key, address, "list");
            BaseProxy namespace = create(s, peer, key, address, "Namespace");
            Token d = dict.token();
            Token l = list.token();
            Token n = namespace.token();
            Object[] none = new Object[0];
            long sink = 0;
            for (int i = 0; i < ROUNDS && !stopped; i++) {
                Integer k = i & 63;
                Client.decode(s.handle(Client.callRequest(d, "put", new Object[] {k, i}), peer), key, address);
                sink += (Integer) Client.decode(s.handle(Client.callRequest(d, "get", new Object[] {k}), peer), key,
                        address);
                Client.decode(s.handle(Client.callRequest(l, "append", new Object[] {i}), peer), key, address);
                if ((i & 63) == 63) {
                    Client.decode(s.handle(Client.callRequest(l, "clear", none), peer), key, address);
                }
                Client.decode(s.handle(Client.callRequest(n, "__setattr__", new Object[] {"x", i}), peer), key,
                        address);
                sink += (Integer) Client.decode(s.handle(Client.callRequest(n, "__getattribute__",
                        new Object[] {"x"}), peer), key, address);
            }
            if (sink == 42) {
                System.out.print(""); // keep the results alive
            }
            io.mpscope.multiprocessing.synchronize.SharedRuntime rt =
                    io.mpscope.multiprocessing.synchronize.Warmup.scratchRuntime();
            if (rt != null && !stopped) {
                channelRounds = warmChannel(rt, s, peer, key, address, dict, list, namespace);
            }
        } catch (Exception | LinkageError e) {
            // an optimisation only
        } finally {
            if (s != null) {
                s.shutdown();
            }
        }
    }

    /** Calls the last channel phase made (for tests: the phase ran). */
    static int channelRounds() {
        return channelRounds;
    }

    private static volatile int channelRounds;
    private static final int CHANNEL_ROUNDS = Integer.getInteger("mpscope.warmup.managerChannelRounds", 3_000);

    /**
     * The calls again, over shared-memory channels as a same-session client makes them: a pipe on the warm-up's
     * runtime of no session, the server's channel loop on a thread of its own, and the client's calls through real
     * proxies ({@code DictProxy.put} to {@code Client.call} to the channel's round trip), the common ones with
     * proxies that take the process's authkey, as those a child receives in its Process target do. Without this a
     * child's first 20,000-40,000 proxy calls ran while its JIT compiled the client's channel path, and a benchmark's
     * first measured operation (dict set) ran at a third of the later ones' rate.
     *
     * <p>First {@link #rarePaths} on a channel of its own, then the common calls on a second one. The order matters:
     * a branch the JIT's profile has never seen taken is compiled as a trap, and the first time it is taken the
     * compiled method is thrown away and compiled again, beside the user's work (seen with {@code LogCompilation} in
     * a benchmark's child and server: {@code INCREF} in {@code Server.handle}, the pending end of a new channel in
     * {@code Connection.poll}, the end of file, a long wait's look for a dead writer and the timed-out spin in
     * {@code ChannelSpin.beforeWait}, the process's authkey in {@code Client.request}, negative numbers in the
     * observe API's text; each recompiled 5-85 ms of C2 work inside the measured dict set, which ran at 14-50k ops/s
     * for those 2,000 calls against 100-150k before and after).
     *
     * @return the round trips of the common calls made
     */
    private static int warmChannel(io.mpscope.multiprocessing.synchronize.SharedRuntime rt, Server s,
                                   Server.Peer peer, byte[] key, String address, BaseProxy dict, BaseProxy list,
                                   BaseProxy namespace) throws Exception {
        NamespaceProxy ns = (NamespaceProxy) namespace;
        @SuppressWarnings("unchecked")
        java.util.Map<Integer, Integer> map = (java.util.Map<Integer, Integer>) dict;
        @SuppressWarnings("unchecked")
        java.util.List<Integer> lst = (java.util.List<Integer>) list;
        EventProxy event = (EventProxy) create(s, peer, key, address, "Event");
        if (stopped) {
            return 0;
        }
        withChannel(rt, s, peer, key, address, true, () -> rarePaths(map, lst, ns, event, key, dict.token()));
        // The common calls as a child makes them: its proxies arrive inside its Process target without a key of
        // their own, and each call takes the process's authkey.
        // (in a standby this makes up a key; the JVM takes its parent's when it becomes a child)
        byte[] own = io.mpscope.multiprocessing.process.ProcessRuntime.authkey();
        @SuppressWarnings("unchecked")
        java.util.Map<Integer, Integer> childMap = (java.util.Map<Integer, Integer>) Proxies.make(dict.token(),
                "dict", null, false);
        @SuppressWarnings("unchecked")
        java.util.List<Integer> childList = (java.util.List<Integer>) Proxies.make(list.token(), "list", null,
                false);
        NamespaceProxy childNs = (NamespaceProxy) Proxies.make(namespace.token(), "Namespace", null, false);
        int[] rounds = new int[1];
        long[] sink = new long[1];
        withChannel(rt, s, peer, own, address, false, () -> {
            for (int i = 0; i < CHANNEL_ROUNDS && !stopped; i++) {
                Integer k = (i * 7919) % 5_000 - 100; // negative, cached and uncached Integers
                childMap.put(k, i);
                sink[0] += childMap.get(k);
                childList.add(i);
                if ((i & 1023) == 1023) {
                    childList.clear();
                    childMap.clear();
                }
                childNs.set("x", i);
                sink[0] += childNs.<Integer>get("x");
                rounds[0]++;
            }
        });
        return sink[0] == 42 ? rounds[0] + 1 : rounds[0];
    }

    /** Work on a channel: a step that may throw. */
    private interface ChannelWork {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} with this thread's calls to {@code address} on a new shared-memory channel. With
     * {@code pendingEnd} the client's end is serialized first, as {@code Server.hello} sends it, and never arrives
     * (a Connection arrives only in a process of its session, which this warm-up has not): the server's loop sees an
     * end on its way for the whole channel, and the client ends the loop with an empty message. Without, the client
     * closes its end and the loop sees the end of file.
     */
    private static void withChannel(io.mpscope.multiprocessing.synchronize.SharedRuntime rt, Server s,
                                    Server.Peer peer, byte[] key, String address, boolean pendingEnd,
                                    ChannelWork work) throws Exception {
        io.mpscope.multiprocessing.connection.Pipe pipe = io.mpscope.multiprocessing.connection.Pipe.createOn(rt,
                "warm-up channel", true, Server.CHANNEL_CAPACITY);
        if (pendingEnd) {
            new Messages.Out(Messages.OK).value(pipe.conn2(), "channel"); // counts the end as on its way; dropped
        }
        Thread server = new Thread(() -> s.servePipe(pipe.conn1(), peer), "mp-warmup-channel");
        server.setDaemon(true);
        server.start();
        Client.Channel ch = new Client.Channel(address, key);
        ch.conn = pipe.conn2().spinBeforeSleeping(0);
        ch.spin = new ChannelSpin();
        Client.adopt(ch);
        try {
            work.run();
            if (pendingEnd) {
                ch.conn.sendBytes(new byte[0]);
            }
        } finally {
            Client.forget(address); // closes the client's end
            server.join(1_000);
        }
    }

    /**
     * The branches a client and its server take rarely but surely: a reference taken and dropped, a missing key and
     * attribute (an error reply), a reply that outlasts the client's spin (the server waits on an Event) and the
     * calls after it that sleep at once, a client slower than the server's spin, and values of every sign and size.
     */
    private static void rarePaths(java.util.Map<Integer, Integer> map, java.util.List<Integer> lst,
                                  NamespaceProxy ns, EventProxy event, byte[] key, Token dict)
            throws InterruptedException {
        for (int round = 0; round < RARE_ROUNDS && !stopped; round++) {
            Client.incref(dict, key);
            Client.send(java.util.List.of(new Client.Decref(dict.address(), key, dict.id())));
            Client.request(dict.address(), key, new Messages.Out(Messages.DUMMY).toByteArray());
            map.get(-12_345);
            map.containsKey(7);
            try {
                ns.get("missing");
            } catch (RuntimeException e) {
                // the referent's error, re-raised here: the path being warmed
            }
            event.await(java.time.Duration.ofMillis(2)); // the server answers after the client's spin gave up
            for (int i = 0; i < ChannelSpin.SLEEP_AT_ONCE + 8; i++) {
                map.put(i - 20, Integer.MIN_VALUE + i);
                map.put(i * 100_000, i);
                lst.add(-i);
                ns.set("x", -i);
            }
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1); // the server's spin gives up before the next request comes
                map.get(i);
            }
            if (round == 0) {
                Thread.sleep(60); // the server's wait outlasts half a ring wait slice: it asks whether a writer died
                map.get(0);
            }
            map.clear();
            lst.clear();
            rareRounds = round + 1;
        }
    }

    private static final int RARE_ROUNDS = 3;
    private static volatile int rareRounds;

    /** Rounds the last {@link #rarePaths} made (for tests: it ran to its end). */
    static int rareRounds() {
        return rareRounds;
    }

    /**
     * Opens (and closes) a Unix-domain server socket channel and a client one, binding nothing: a JVM's first
     * {@code ServerSocketChannel.open(UNIX)} costs ~10 ms (loading and initializing the JDK's socket classes; 0.05 ms
     * afterwards), and the server process of a manager opens one on its start-up path (#6: manager_start_ms). The
     * first bind still costs ~4 ms more; binding here would leave a socket file behind whenever the standby JVM is
     * retired (halted) or killed inside the bind, which the tests of leftover files caught at once.
     *
     * @return true if both opened (false: the warm-up failed, which only costs the time it would have saved)
     */
    static boolean warmUnixSockets() {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return server.isOpen() && client.isOpen();
        } catch (IOException | RuntimeException e) {
            return false; // an optimisation only
        }
    }

    private static BaseProxy create(Server s, Server.Peer peer, byte[] key, String address, String typeid)
            throws Exception {
        byte[] req = new Messages.Out(Messages.CREATE).utf(typeid).values(new Object[0], "warm-up").toByteArray();
        return (BaseProxy) Client.decode(s.handle(req, peer), key, address);
    }
}
