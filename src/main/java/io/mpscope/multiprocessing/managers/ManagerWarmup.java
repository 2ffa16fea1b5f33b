package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warms a standby JVM for managers: loads the HMAC and random-number providers (a cold JVM takes 100-300 ms for the
 * first HMAC) and the Unix-domain socket classes (14 ms for a cold JVM's first bind), and runs the request encoding,
 * server dispatch and reply decoding of dict, list and Namespace calls a few thousand times on a server that is not
 * listening, so a manager's server process, or a child using proxies, starts compiled. Nothing is listed in any
 * session; the warm-up's socket is removed at once.
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
     * Binds, connects and accepts one Unix socket, then removes it: a JVM's first Unix-domain
     * {@code ServerSocketChannel} costs 10 ms to open and 4 ms to bind (loading and initializing the JDK's socket
     * classes; 0.1 ms afterwards), and the server process of a manager does exactly that on its start-up path (#6:
     * manager_start_ms). The socket is the runtime folder's {@code warmup-<pid>-<startTicks>.tmp}, the standby's
     * scratch name (its own scratch file is gone by now): it is unlinked as soon as the client has connected, and one
     * left by a JVM killed or retired in those few milliseconds is removed by the next session's sweep of dead
     * processes' scratch files. The channels are opened first, so the class loading is not inside that window.
     *
     * @return true if a byte went round (false: the warm-up failed, which only costs the time it would have saved)
     */
    static boolean warmUnixSockets() {
        Path sock = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            sock = warmSocketPath();
            Files.deleteIfExists(sock);
            UnixDomainSocketAddress a = UnixDomainSocketAddress.of(sock);
            server.bind(a);
            client.connect(a);
            Files.deleteIfExists(sock); // the connection is queued: accept needs no name
            try (SocketChannel accepted = server.accept()) {
                accepted.write(java.nio.ByteBuffer.wrap(new byte[1]));
                return client.read(java.nio.ByteBuffer.allocate(1)) == 1;
            }
        } catch (IOException | RuntimeException e) {
            return false; // an optimisation only
        } finally {
            if (sock != null) {
                try {
                    Files.deleteIfExists(sock);
                } catch (IOException e) {
                    // the next session's sweep removes it
                }
            }
        }
    }

    /** Where {@link #warmUnixSockets} binds: this JVM's scratch name in the runtime folder. */
    static Path warmSocketPath() throws IOException {
        long pid = ProcessHandle.current().pid();
        return RuntimeDirectory.create().resolve("warmup-" + pid + "-" + ProcFs.startTicks(pid) + ".tmp");
    }

    private static Token token(Server s, Server.Peer peer, byte[] key, String address, String typeid)
            throws Exception {
        byte[] req = new Messages.Out(Messages.CREATE).utf(typeid).values(new Object[0], "warm-up").toByteArray();
        return ((BaseProxy) Client.decode(s.handle(req, peer), key, address)).token();
    }
}
