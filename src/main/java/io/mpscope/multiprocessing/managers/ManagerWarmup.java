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
            Token d = token(s, peer, key, address, "dict");
            Token l = token(s, peer, key, address, "list");
            Token n = token(s, peer, key, address, "Namespace");
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
                channelRounds = warmChannel(rt, s, peer, key, address, d, l, n);
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
     * The calls again, over a shared-memory channel as a same-session client makes them (a pipe on the warm-up's
     * runtime of no session, the server's channel loop on a thread of its own, the client's round trip with its
     * ChannelSpin): without this a child's first 20,000-40,000 proxy calls ran while its JIT compiled the client's
     * channel path, and a benchmark's first measured operation (dict set) ran at a third of the later ones' rate.
     *
     * @return the round trips made
     */
    private static int warmChannel(io.mpscope.multiprocessing.synchronize.SharedRuntime rt, Server s,
                                   Server.Peer peer, byte[] key, String address, Token d, Token l, Token n)
            throws Exception {
        io.mpscope.multiprocessing.connection.Pipe pipe = io.mpscope.multiprocessing.connection.Pipe.createOn(rt,
                "warm-up channel", true, Server.CHANNEL_CAPACITY);
        Thread server = new Thread(() -> s.servePipe(pipe.conn1(), peer), "mp-warmup-channel");
        server.setDaemon(true);
        server.start();
        Client.Channel ch = new Client.Channel(address, key);
        ch.conn = pipe.conn2().spinBeforeSleeping(0);
        ch.spin = new ChannelSpin();
        int rounds = 0;
        long sink = 0;
        try {
            for (int i = 0; i < CHANNEL_ROUNDS && !stopped; i++) {
                Integer k = i & 63;
                Client.decode(ch.roundTrip(Client.callRequest(d, "put", new Object[] {k, i})), key, address);
                sink += (Integer) Client.decode(ch.roundTrip(Client.callRequest(d, "get", new Object[] {k})),
                        key, address);
                Client.decode(ch.roundTrip(Client.callRequest(l, "append", new Object[] {i})), key, address);
                if ((i & 63) == 63) {
                    Client.decode(ch.roundTrip(Client.callRequest(l, "clear", new Object[0])), key, address);
                }
                sink += (Integer) Client.decode(ch.roundTrip(Client.callRequest(n, "__getattribute__",
                        new Object[] {"x"})), key, address);
                rounds++;
            }
        } finally {
            pipe.conn2().close(); // the server's loop sees the end and closes its side
            server.join(1_000);
        }
        return sink == 42 ? rounds + 1 : rounds;
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

    private static Token token(Server s, Server.Peer peer, byte[] key, String address, String typeid)
            throws Exception {
        byte[] req = new Messages.Out(Messages.CREATE).utf(typeid).values(new Object[0], "warm-up").toByteArray();
        return ((BaseProxy) Client.decode(s.handle(req, peer), key, address)).token();
    }
}
