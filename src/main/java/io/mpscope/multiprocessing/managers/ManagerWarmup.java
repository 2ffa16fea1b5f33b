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
        } catch (Exception | LinkageError e) {
            // an optimisation only
        } finally {
            if (s != null) {
                s.shutdown();
            }
        }
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
