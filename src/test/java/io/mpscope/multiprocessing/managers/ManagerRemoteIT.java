package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.AuthenticationException;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remote managers: a server listening on TCP with an explicit authkey, clients that connect with the right or the
 * wrong key, user-registered types, exceptions from the server, and raw bytes that break the protocol.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerRemoteIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();
    static final byte[] KEY = "abracadabra".getBytes(StandardCharsets.US_ASCII);

    BaseManager server;

    /** A shared type the server owns. */
    public static final class Counter {
        private int n;

        public int increment(int by) {
            n += by;
            return n;
        }

        public int get() {
            return n;
        }

        public void fail(String why) {
            throw new IllegalArgumentException("counter refuses: " + why);
        }

        public void checked() throws IOException {
            throw new IOException("disk on fire");
        }

        public void secret() {
        }

        @Override
        public String toString() {
            return "Counter(" + n + ")";
        }
    }

    /** The typed view of a Counter proxy. */
    public interface CounterApi {
        int increment(int by);

        int get();

        void fail(String why);

        void checked() throws IOException;
    }

    private BaseManager startServer(ManagerOptions options) {
        BaseManager m = new BaseManager(options, Multiprocessing.getContext());
        m.register(Registration.of("Counter", args -> new Counter()).withExposed("increment", "get", "fail",
                "checked"));
        m.register(Registration.of("OpenCounter", args -> new Counter()).withInterface(CounterApi.class));
        m.start();
        children.track(m.getProcess());
        server = m;
        return m;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
    }

    private BaseManager client(InetSocketAddress a, byte[] key) {
        BaseManager c = new BaseManager(a, key);
        c.register("Counter");
        c.connect();
        return c;
    }

    @Test
    void clientsWithTheRightKeyShareObjectsAndAWrongKeyIsRefused() {
        BaseManager m = startServer(ManagerOptions.defaults()
                .withAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).withAuthkey(KEY));
        InetSocketAddress a = (InetSocketAddress) m.getAddress();
        assertTrue(a.getPort() > 0, a.toString());

        BaseManager good = client(a, KEY);
        AutoProxy c = (AutoProxy) good.create("Counter");
        assertEquals(5, c.callMethod("increment", 5));

        BaseManager bad = new BaseManager(a, "wrong".getBytes(StandardCharsets.US_ASCII));
        AuthenticationException e = assertThrows(AuthenticationException.class, bad::connect);
        assertEquals("digest sent was rejected", e.getMessage());

        // the server still serves the good client, and another good one
        assertEquals(7, c.callMethod("increment", 2));
        BaseManager other = client(a, KEY);
        AutoProxy c2 = (AutoProxy) other.create("Counter");
        assertEquals(1, c2.callMethod("increment", 1));
        assertEquals("Counter(1)", c2.toString());
    }

    @Test
    void exposedListAndInterfaceProxiesAndServerExceptionsWithTheirStackTrace() {
        BaseManager m = startServer(ManagerOptions.defaults().withAuthkey(KEY));
        AutoProxy c = (AutoProxy) m.create("Counter");
        AttributeException notExposed = assertThrows(AttributeException.class, () -> c.callMethod("secret"));
        assertTrue(notExposed.getMessage().contains("not in exposed"), notExposed.getMessage());
        assertThrows(AttributeException.class, () -> m.create("NoSuchType"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.callMethod("fail", "x"));
        assertEquals("counter refuses: x", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        StringWriter trace = new StringWriter();
        e.getCause().printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("ManagerRemoteIT$Counter.fail"), "server-side frames: " + trace);

        RemoteException checked = assertThrows(RemoteException.class, () -> c.callMethod("checked"));
        assertInstanceOf(IOException.class, checked.getCause());

        CounterApi api = m.create("OpenCounter", CounterApi.class);
        assertEquals(3, api.increment(3));
        assertEquals(3, api.get());
        assertThrows(IllegalArgumentException.class, () -> api.fail("y"));
        IOException io = assertThrows(IOException.class, api::checked);
        assertEquals("disk on fire", io.getMessage());
    }

    @Test
    void anOversizedRequestClosesOnlyThatConnection() {
        SyncManager m = new SyncManager(ManagerOptions.defaults().withAuthkey(KEY).withMaxFrameLength(4096)
                .withSharedMemory(false), Multiprocessing.getContext());
        m.start();
        children.track(m.getProcess());
        server = m;
        DictProxy<String, String> d = m.dict();
        d.put("a", "b");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> d.put("big", "x".repeat(10_000)));
        assertTrue(e.getMessage().contains("manager connection"), e.getMessage());
        assertEquals("b", d.get("a")); // a new connection; the server lives on
        assertTrue(m.getProcess().isAlive());
    }

    @Test
    void malformedFramesAreRejectedWithoutHarmingTheServer() throws Exception {
        BaseManager m = startServer(ManagerOptions.defaults().withAuthkey(KEY));
        String addr = Wire.format(m.getAddress());
        AutoProxy c = (AutoProxy) m.create("Counter");
        assertEquals(1, c.callMethod("increment", 1));

        // before authenticating: a huge length, then garbage
        try (SocketChannel raw = SocketChannel.open(m.getAddress())) {
            readFrame(raw); // the challenge
            raw.write(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
            assertClosed(raw);
        }
        try (SocketChannel raw = SocketChannel.open(m.getAddress())) {
            raw.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertClosed(raw);
        }
        // authenticated, then frames that break the protocol
        for (byte[] payload : new byte[][] {{99}, {Messages.CALL, 0, 0}, {}}) {
            Wire w = Wire.connect(addr);
            w.answerChallenge(KEY);
            w.deliverChallenge(KEY);
            w.send(payload);
            assertClosed(w.channel());
            w.close();
        }
        Wire w = Wire.connect(addr);
        w.answerChallenge(KEY);
        w.deliverChallenge(KEY);
        w.channel().write(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}));
        assertClosed(w.channel());
        w.close();

        assertEquals(2, c.callMethod("increment", 1));
        assertTrue(m.getProcess().isAlive());
    }

    private static void readFrame(SocketChannel ch) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4);
        while (len.hasRemaining()) {
            if (ch.read(len) < 0) {
                throw new IOException("closed before the challenge");
            }
        }
        ByteBuffer body = ByteBuffer.allocate(len.flip().getInt());
        while (body.hasRemaining()) {
            ch.read(body);
        }
    }

    /** The server closes the connection: reads end in EOF (not a hang). */
    private static void assertClosed(SocketChannel ch) throws Exception {
        CompletableFuture<Boolean> eof = CompletableFuture.supplyAsync(() -> {
            ByteBuffer b = ByteBuffer.allocate(1024);
            try {
                while (true) {
                    int n = ch.read(b);
                    if (n < 0) {
                        return true;
                    }
                    b.clear();
                }
            } catch (IOException e) {
                return true; // reset by the peer
            }
        });
        assertTrue(eof.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aProxyUsedAfterShutdownFailsClearly() {
        BaseManager m = startServer(ManagerOptions.defaults().withAuthkey(KEY));
        AutoProxy c = (AutoProxy) m.create("Counter");
        c.callMethod("increment", 1);
        m.shutdown();
        m.shutdown(); // idempotent
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.callMethod("get"));
        assertTrue(e.getMessage().contains("manager"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> m.create("Counter"));
        assertThrows(IllegalStateException.class, m::start);
    }

    @Test
    void waitsForAnEndedServer() throws Exception {
        BaseManager m = startServer(ManagerOptions.defaults().withAuthkey(KEY));
        m.shutdown();
        assertTrue(m.join(Duration.ofSeconds(10)));
        assertTrue(m.getProcess().getExitCode().isPresent());
    }
}
