package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.AuthenticationException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The handshake and framing of a manager connection, on a Unix socket inside this JVM. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WireTest {
    @TempDir
    Path tmp;

    private static final byte[] KEY = "abracadabra".getBytes(StandardCharsets.US_ASCII);

    /** Runs {@code server} on the accepted end and {@code client} on the connecting end; returns the server's. */
    private <T> CompletableFuture<T> pair(ServerSide<T> server, ClientSide client) throws Exception {
        String addr = "unix:" + tmp.resolve("s");
        ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ss.bind(UnixDomainSocketAddress.of(tmp.resolve("s")));
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try (ss; Wire w = new Wire(ss.accept())) {
                return server.run(w);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try (Wire w = Wire.connect(addr)) {
            client.run(w);
        }
        return f;
    }

    interface ServerSide<T> {
        T run(Wire w) throws Exception;
    }

    interface ClientSide {
        void run(Wire w) throws Exception;
    }

    @Test
    void bothSidesProveTheKeyAndThenExchangeFrames() throws Exception {
        CompletableFuture<byte[]> got = pair(w -> {
            w.deliverChallenge(KEY);
            w.answerChallenge(KEY);
            return w.receive(1024);
        }, w -> {
            w.answerChallenge(KEY);
            w.deliverChallenge(KEY);
            w.send(new byte[] {1, 2, 3});
        });
        assertArrayEquals(new byte[] {1, 2, 3}, got.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWrongKeyIsRejectedOnBothSides() throws Exception {
        CompletableFuture<String> server = pair(w -> {
            try {
                w.deliverChallenge(KEY);
                return "accepted";
            } catch (AuthenticationException e) {
                return e.getMessage();
            }
        }, w -> {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> w.answerChallenge("wrong".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("digest sent was rejected", e.getMessage());
        });
        assertEquals("digest received was wrong", server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFrameAboveTheMaximumIsRefused() throws Exception {
        CompletableFuture<String> server = pair(w -> {
            try {
                w.receive(16);
                return "read";
            } catch (Wire.FrameException e) {
                return e.getMessage();
            }
        }, w -> w.send(new byte[17]));
        assertEquals("bad frame length: length=17 max=16", server.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theResponseIsCPythonsDigestShape() {
        byte[] message = "{sha256}0123456789012345678901234567890123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] r = Wire.response(KEY, message);
        assertTrue(new String(r, 0, 8, StandardCharsets.US_ASCII).equals("{sha256}"));
        assertEquals(8 + 32, r.length);
        // python3 -c "import hmac; print(hmac.new(b'abracadabra', message, 'sha256').hexdigest())"
        assertEquals("3366dec23e1daacb27a64d740bf180554fdd314187698dd10f25a0586021ef5a",
                java.util.HexFormat.of().formatHex(r, 8, r.length));
    }

    @Test
    void addressesRoundTrip() {
        assertEquals("unix:/tmp/x/s", Wire.format(Wire.parse("unix:/tmp/x/s")));
        assertEquals("tcp:127.0.0.1:5000", Wire.format(Wire.parse("tcp:127.0.0.1:5000")));
        assertThrows(IllegalArgumentException.class, () -> Wire.parse("http://x"));
    }
}
