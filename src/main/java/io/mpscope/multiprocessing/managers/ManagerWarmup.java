package io.mpscope.multiprocessing.managers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Warms a standby JVM for managers: loads the HMAC and random-number providers (a cold JVM takes 100-300 ms for the
 * first HMAC) and the Unix-domain socket classes (14 ms for a cold JVM's first bind), and runs the request encoding,
 * server dispatch and reply decoding of dict, list and Namespace calls a few thousand times on a server that is not
 * listening, so a manager's server process, or a child using proxies, starts compiled. Nothing is listed in any
 * session; the socket's temporary folder is removed at once.
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
     * Binds, connects and accepts one Unix socket in a private temporary folder, then removes both: a JVM's first
     * Unix-domain {@code ServerSocketChannel} costs 10 ms to open and 4 ms to bind (loading and initializing the
     * JDK's socket classes; 0.1 ms afterwards), and the server process of a manager does exactly that on its
     * start-up path (#6: manager_start_ms).
     *
     * @return true if a byte went round (false: the warm-up failed, which only costs the time it would have saved)
     */
    static boolean warmUnixSockets() {
        Path dir = null;
        Path sock = null;
        try {
            dir = Files.createTempDirectory("mpm-warm-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            sock = dir.resolve("s");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(sock));
                try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    client.connect(UnixDomainSocketAddress.of(sock));
                    try (SocketChannel accepted = server.accept()) {
                        accepted.write(java.nio.ByteBuffer.wrap(new byte[1]));
                        return client.read(java.nio.ByteBuffer.allocate(1)) == 1;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // an optimisation only
        } finally {
            try {
                if (sock != null) {
                    Files.deleteIfExists(sock);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                // a private, empty temporary folder at worst
            }
        }
    }

    private static Token token(Server s, Server.Peer peer, byte[] key, String address, String typeid)
            throws Exception {
        byte[] req = new Messages.Out(Messages.CREATE).utf(typeid).values(new Object[0], "warm-up").toByteArray();
        return ((BaseProxy) Client.decode(s.handle(req, peer), key, address)).token();
    }
}
